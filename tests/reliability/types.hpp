// The tester's own knowledge of each dialect's column types, written from
// docs/types.md, docs/sqlite.md and docs/postgres.md (not from the engine):
// the types it generates, values and default literals for each, and the
// documented class of every type change.
#pragma once

#include "reliability/evolve.hpp"

#include <random>
#include <string>
#include <vector>

namespace evolve {

enum class family {
  boolean, integer, numeric, real, text, bounded_text, fixed_text, bytes,
  timestamp, date, uuid, json, jsonb, enumeration
};

struct type_spec {
  std::string spelling;  // canonical spelling (SQLite: as declared; PostgreSQL: format_type)
  family kind = family::text;
  int size = 0;  // integer width in bytes (PostgreSQL), text length, numeric precision
};

// Every type the generator uses for the dialect (enums aside).
const std::vector<type_spec>& types_of(db::dialect d);
// The spec of a generated column (enum columns: family::enumeration).
type_spec spec_of(db::dialect d, const db::column& c);

// A btree index, primary key, unique or foreign key may use the column.
bool indexable(db::dialect d, const db::column& c);
// The column may be the autoincrement key.
bool autoincrement_type(db::dialect d, const db::column& c);
// A type an autoincrement column may take.
std::string autoincrement_spelling(db::dialect d, std::mt19937_64& rng);

// Values a column of the type may hold (PostgreSQL: text forms; SQLite: storage
// classes the documented mapping gives). Enum columns take `labels`.
std::vector<value> values_for(db::dialect d, const db::column& c, const std::vector<std::string>& labels);
// Default literals in the spelling introspection reads back (docs/types.md,
// "Defaults"). `stable_only`: leave out the ones PostgreSQL prints back
// differently (issue 10.1).
std::vector<std::string> defaults_for(db::dialect d, const db::column& c, const std::vector<std::string>& labels,
                                      bool stable_only);
// A default the database fills with something else every time (CURRENT_TIMESTAMP).
bool is_volatile_default(const std::string& default_sql);

// How docs/sqlite.md and docs/postgres.md classify a type change.
enum class cast_kind { same, safe, risky, not_castable };
cast_kind documented_cast(db::dialect d, const db::column& from, const db::column& to);
// The change goes through text on PostgreSQL (`col::text::type`).
bool converts_through_text(db::dialect d, const db::column& from, const db::column& to);

// SQLite's column affinity by its documented rules.
enum class affinity { integer, text, blob, real, numeric };
affinity affinity_of(const std::string& declared_type);
const char* affinity_name(affinity a);

// Quoting for SQL the tester writes itself.
std::string quote_name(const std::string& name);      // "na""me"
std::string quote_literal(const std::string& text);   // 'it''s'

}  // namespace evolve
