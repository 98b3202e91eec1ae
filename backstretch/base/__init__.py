"""The foundation every wing stands on: errors, checks, fields, files, words, colours."""
