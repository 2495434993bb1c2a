"""Publishing with MkDocs: the hook's work, the build options, the atomic build, the offline copy and the export."""
