"""What whoever runs the bot does from a shell: check, back up, restore, count (`python -m bot`).

Each module does one thing on the SQLite file with the standard library's `sqlite3`, while the
bot may be running (WAL lets a reader and the bot's writer work side by side); `cli` prints
their results through the catalogs.
"""
