"""Question packs: a selection of the bank, framed and laid out for one meeting or audience.

``select`` decides which questions go in and in what order, ``layout`` turns
a pack into the one view model every format is drawn from, and ``html``,
``pdf``, ``docx`` and ``markdown`` draw it. ``files`` makes the PDF and Word
files for the site, in parallel and cached by content.
"""
