"""Tables on disk: the schema, the build, and reading/writing Parquet files."""
