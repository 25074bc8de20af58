"""Getting data in and out of Rapport: importers, exporters and backups."""
