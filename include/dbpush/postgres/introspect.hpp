// dbpush: reads one PostgreSQL schema (namespace) from pg_catalog.
//
// A fixed number of queries whatever the number of tables (namespace with its
// enums, columns, keys and indexes: three), each over the whole namespace, instead of
// one round trip per table. information_schema is avoided: it is slow, hides
// objects the user does not own and has no identity/serial or index details.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/push/detail/session.hpp>
#include <dbpush/schema/schema.hpp>

#include <pqxx/transaction_base>

#include <cstddef>
#include <string>
#include <vector>

namespace db::postgres::detail {

// Catalog facts the neutral db::schema does not carry but the renderer needs
// to change what exists (introspect() hands them to render() through the front).
struct catalog_facts : db::detail::dialect_facts {
  bool namespace_exists = false;
  // The session settings that change how the server prints an expression
  // (search_path qualifies type names, TimeZone and DateStyle print literals…),
  // as the text of an array; empty when the namespace does not exist.
  std::string print_settings;
  // A constraint or an index of a table, by name.
  struct table_object {
    std::string table;
    std::string name;
  };
  // The name of each table's primary key constraint: made elsewhere it need not
  // be "{table}_pkey". Looked up only when a primary key changes.
  std::vector<table_object> primary_key_names;
  // The sequence of each autoincrement column: an identity's, or a SERIAL's
  // (a nextval default of a sequence the column owns; only tables made elsewhere).
  struct owned_sequence {
    std::string table;
    std::string column;
    std::string name;  // in the managed schema (a sequence lives in its table's), unquoted
    bool serial = false;
  };
  std::vector<owned_sequence> sequences;
  // Each table that inherits from another managed table (INHERITS); a child's
  // columns are the ones it declares itself.
  struct inheritance {
    std::string child;
    std::string parent;
  };
  std::vector<inheritance> inherits;
  // What an interrupted online push (or a failed CREATE INDEX CONCURRENTLY)
  // leaves, none of it in the live db::schema, so the differ adds it again and
  // the renderer finishes or drops it (docs/postgres.md, "Online steps"):
  // invalid indexes (pg_index.indisvalid false), with their table;
  std::vector<table_object> invalid_indexes;
  // foreign keys not validated (pg_constraint.convalidated false), with their table;
  struct unvalidated_foreign_key {
    std::string table;
    foreign_key key;
  };
  std::vector<unvalidated_foreign_key> unvalidated_foreign_keys;
  // and the CHECK (column IS NOT NULL) constraints online mode adds before SET NOT NULL.
  struct not_null_helper {
    std::string table;
    std::string column;
    std::string name;
    bool validated = false;
  };
  std::vector<not_null_helper> not_null_helpers;

  DBPUSH_INLINE const std::string* primary_key_name(const std::string& table) const;
  // The sequence of an autoincrement column, or null.
  DBPUSH_INLINE const owned_sequence* sequence_of(const std::string& table, const std::string& column) const;
  // The NOT NULL helper check of a live column, or null.
  DBPUSH_INLINE const not_null_helper* not_null_helper_of(const std::string& table, const std::string& column) const;
  // The foreign key `name` of live table `table` when it is not validated, or null.
  DBPUSH_INLINE const unvalidated_foreign_key* unvalidated(const std::string& table, const std::string& name) const;
};

// The live schema and its catalog facts.
struct live_catalog {
  schema contents;  // canonical and normalised
  catalog_facts facts;
};

// The attnums of an int2[] ("{2,1}") or int2vector ("2 1") in its text form
// (or the oids of an oid[]).
DBPUSH_INLINE std::vector<std::size_t> attnums_of(const std::string& text);

// Reads every table (but `ignore_tables`) and enum type of schema `pg_schema`.
DBPUSH_INLINE live_catalog read_catalog(pqxx::transaction_base& tx, const std::string& pg_schema,
                                        const std::vector<std::string>& ignore_tables);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/introspect.ipp>
#endif
