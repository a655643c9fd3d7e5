"""`protokoll import`: minutes written in Word (.docx) into checked minutes files.

reader.py reads the .docx into a neutral document (document.py, numbering.py);
furniture.py drops what repeats on every page; compose.py walks the document with
header.py (title, time, place, justering), agenda.py (items, titles, presenters)
and attendance.py (groups, statuses, substitutes, vacant seats), matching councils
and organisations against the content directory (known.py); markdown_out.py writes
the body and writer.py the file, marking every inferred fact `# kontrollera:`.
command.py is the command.
"""
