"""Reading a meeting's agenda from ModernGov, the committee system most English councils publish with.

``client`` asks its read-only web service (plain GET or SOAP 1.1) and turns every failure into one
line; ``parse`` reads the answers into meetings and agenda items, leaving exempt items out;
``meeting_file`` writes a meeting file for content/meetings/ with questions suggested for each item.
"""
