"""Names the dead-code check (vulture, `make lint`) cannot see used: read only by templates,
MkDocs, Jinja or a library, or set on a library's objects. Keep it short: anything else vulture
reports is dead and goes."""

# Set on python-docx, zipfile and MkDocs objects, which read them.
_.alignment, _.all_caps, _.author, _.bottom_margin, _.comments, _.height, _.height_rule, _.is_linked_to_previous
_.keep_with_next, _.keywords, _.orientation, _.page_height, _.rgb, _.space_after, _.space_before, _.tblStyle_val
_.top_margin, _.compress_type, _.external_attr, _.abs_src_path, _.bytecode_cache, _.inclusion, _._content

# Set on openpyxl's cells, sheets and tables (the tracker's spreadsheet), and on log records a PDF
# worker sends back (packs/files.py).
_.data_type, _.freeze_panes, _.tableStyleInfo, _.args, _.msg, _.exc_info, _.exc_text, _.stack_info

# html.parser's callbacks (editing/moderngov/parse.py).
_.handle_data, _.handle_starttag

# Jinja's bytecode cache interface (publish/preview.py TemplateCache).
_.load_bytecode, _.dump_bytecode

# Read only by the templates (templates/site/*.j2): fields of the page views (site/views/), and an
# indicator's how_to_read.
how_to_read, by_audience, indicator, edit_url, children, tops, question_bank, question_count, used_by, source_title
superseded_name, cited_name, by_meeting, question_groups, filter_areas, benchmark_groups, indicator_groups, json_path
csv_path, separator, top_fields, csv_fields, sources_json_path, sources_csv_path, source_fields, records_json_path
records_csv_path, record_top_fields, record_fields, record_csv_fields, agreed, papers, published, rag_labels
rag_meanings, bodies, status_labels, decision_labels

# A content field kept in the model though no page shows it yet (glossary `now_called.by`).
by

# Used by the tests: a pack's files made in one call; no framed question may keep a second-person word.
make_pack_files, SECOND_PERSON, data_files

# Used by the tests and tools: the My pack data file read back.
read_data_file
