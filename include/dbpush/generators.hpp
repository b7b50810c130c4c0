// dbpush: generators that run after a successful push (push_options::generators),
// whether it changed the schema or found it in sync, unless skip_generate.
//
//   db::push_options options;
//   options.generators = {db::generators::sql_snapshot("db/schema.sql"),
//                         db::generators::mermaid_erd("docs/schema.md"),
//                         db::generators::json_schema("build/schema.json")};
//   db::push<User, Post>(conn, options);
//
// Each writes its file whole (to a temporary name, then renamed), from the
// target schema in the pushed database's dialect, deterministically: the same
// models give the same bytes, so the files can be committed and reviewed. A
// generator that cannot write throws db::error naming itself and the file; the
// push then throws db::generator_error (the database is in sync all the same).
// The text functions give the same contents without a file. CMake: link
// dbpush::tools (the SQL snapshot renders for both dialects).
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <filesystem>
#include <string>

namespace db::generators {

// The full DDL of the target (CREATE TYPE, CREATE TABLE, CREATE INDEX, foreign
// keys), as a push renders it on an empty database; PostgreSQL names are left
// unqualified. A team that outgrows prototyping commits it as its baseline migration.
DBPUSH_INLINE generator sql_snapshot(std::filesystem::path path);
// An entity-relationship diagram in Mermaid (```mermaid fenced when `path` ends
// in .md): tables, columns with types and keys (PK, FK, UK), relations with
// cardinality, for docs and pull requests.
DBPUSH_INLINE generator mermaid_erd(std::filesystem::path path);
// A machine-readable description of the schema in JSON (format
// "dbpush-schema/1", see docs/generators.md).
DBPUSH_INLINE generator json_schema(std::filesystem::path path);

DBPUSH_INLINE std::string sql_snapshot_text(const schema& target, dialect d);
DBPUSH_INLINE std::string mermaid_erd_text(const schema& target, dialect d);
DBPUSH_INLINE std::string json_schema_text(const schema& target, dialect d);

}  // namespace db::generators

#ifdef DBPUSH_DEFINE_TOOLS
#include <dbpush/generators/detail/generators.ipp>
#endif
