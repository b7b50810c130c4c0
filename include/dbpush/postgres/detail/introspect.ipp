// dbpush: definitions for <dbpush/postgres/introspect.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/introspect.hpp>

#include <pqxx/result>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace db::postgres::detail {

// Every query is planned on every push (nothing is prepared), so each reads as
// few catalogs as it can: tables, keys and indexes are found by the namespace's
// oid, and keys and indexes return attnums and oids that the client maps to the
// names the columns query read. Lookups go through catalog indexes (scalar
// subqueries), so no plan depends on catalog statistics, which are stale right
// after a push created the tables.

// The namespace's oid (no row: it does not exist) with its enum types' labels in
// order (NULLs when it has none), and the session settings that change how the
// server prints an expression (catalog_facts::print_settings).
inline constexpr const char* namespace_query = R"(
SELECT n.oid, t.typname, e.enumlabel,
       ARRAY[current_setting('search_path'), current_setting('TimeZone'), current_setting('DateStyle'),
             current_setting('IntervalStyle'), current_setting('extra_float_digits'),
             current_setting('bytea_output'), current_setting('standard_conforming_strings'),
             current_setting('server_version_num')]::text
FROM pg_namespace n
LEFT JOIN (pg_type t JOIN pg_enum e ON e.enumtypid = t.oid) ON t.typnamespace = n.oid
WHERE n.nspname = $1
ORDER BY t.typname, e.enumsortorder)";

// Columns of every ordinary and partitioned table, in attnum order. A table
// without columns still yields one row (NULL attname). An inherited column
// (attinhcount > 0) also gives the oids of its table's parents; one only
// inherited (not attislocal) is the parent's, not read as the child's own. Each default is deparsed
// once. The last field, the name of the sequence the column owns (or NULL): an
// identity's (pg_depend 'i'), or, for a column with a default, a SERIAL's
// (pg_depend 'a', what SERIAL creates). Both lookups are scalar subqueries:
// PostgreSQL never hashes those, so they stay index lookups per defaulted or
// identity column, where an EXISTS could be planned as a scan of the whole
// pg_depend. The attributes too are read per table through their index (OFFSET
// 0 keeps the planner from joining, which it did by hashing all of
// pg_attribute), and the enum type per column of a type made by a user (oid
// 16384 and up, FirstNormalObjectId): fewer joins also cost less to plan, and
// every query is planned on every push.
inline constexpr const char* columns_query = R"(
SELECT c.oid, c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       CASE WHEN a.atthasdef THEN (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
                                   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum) END,
       a.attidentity IN ('a', 'd'),
       CASE WHEN a.atttypid >= 16384 THEN (SELECT t.typname FROM pg_type t WHERE t.oid = a.atttypid
                                           AND t.typtype = 'e' AND t.typnamespace = c.relnamespace) END,
       CASE WHEN a.atthasdef OR a.attidentity IN ('a', 'd') THEN (
         SELECT s.relname
         FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
         WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid
           AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass
           AND dep.deptype = CASE WHEN a.attidentity IN ('a', 'd') THEN 'i' ELSE 'a' END
         LIMIT 1) END,
       a.attislocal,
       CASE WHEN a.attinhcount > 0 THEN (SELECT array_agg(i.inhparent) FROM pg_inherits i WHERE i.inhrelid = c.oid) END
FROM pg_class c
LEFT JOIN LATERAL (SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.atthasdef,
                          a.attidentity, a.attislocal, a.attinhcount
                   FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                   OFFSET 0) a ON true
WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname, a.attnum)";

// Primary and foreign keys ('p', 'f') with their attnums in key order, then
// unique and plain indexes ('i'; not the primary key's, not exclusion
// constraints', not expression indexes, which db::schema cannot describe) with
// their key attnums in order, in one query: the round trip a no-op push saves
// pays for the statement that asks the server how it spells expressions
// (expressions.hpp). Keys of tables the columns query did not read (partitions)
// and foreign keys to tables it did not read (other namespaces) are skipped by
// the client; indexes are read only for the tables it read ($2, their oids),
// through pg_index's index on the table, not by scanning pg_class again.
// Then: the index backs a UNIQUE constraint; the constraint is validated or
// the index valid (false: left by an interrupted online push, or a
// CREATE INDEX CONCURRENTLY that failed). The checks ('c') are only online
// mode's NOT NULL helpers (render.hpp, not_null_helper_suffix).
inline constexpr const char* keys_and_indexes_query = R"(
SELECT con.conrelid, con.conname, con.contype, con.conkey::text, con.confrelid, con.confkey::text,
       con.confdeltype, con.confupdtype, NULL::boolean, NULL::integer, NULL::text, NULL::boolean, con.convalidated
FROM pg_constraint con
WHERE con.connamespace = $1
  AND (con.contype IN ('p', 'f') OR (con.contype = 'c' AND con.conname LIKE '%\_dbpush\_not\_null'))
UNION ALL
SELECT i.indrelid, (SELECT ic.relname FROM pg_class ic WHERE ic.oid = i.indexrelid), 'i', i.indkey::text, NULL,
       NULL, NULL, NULL, i.indisunique, i.indnkeyatts, pg_get_expr(i.indpred, i.indrelid),
       EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conrelid = i.indrelid
               AND u.conindid = i.indexrelid AND u.contype = 'u'),
       i.indisvalid
FROM pg_index i
WHERE i.indrelid = ANY ($2::oid[])
  AND NOT i.indisprimary AND NOT i.indisexclusion AND i.indexprs IS NULL
ORDER BY 3, 2)";

DBPUSH_INLINE referential_action action_of(char code) {
  switch (code) {
    case 'r': return referential_action::restrict;
    case 'c': return referential_action::cascade;
    case 'n': return referential_action::set_null;
    case 'd': return referential_action::set_default;
    default: return referential_action::no_action;
  }
}

// The attnums of an int2[] ("{2,1}") or int2vector ("2 1") in its text form
// (or the oids of an oid[]).
DBPUSH_INLINE std::vector<std::size_t> attnums_of(const std::string& text) {
  std::vector<std::size_t> out;
  bool in_number = false;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      if (!in_number) out.push_back(0);
      out.back() = out.back() * 10 + static_cast<std::size_t>(ch - '0');
      in_number = true;
    } else {
      in_number = false;
    }
  }
  return out;
}

// Tables while the columns query's rows arrive, and the names of every table it
// listed (ignored ones too: foreign keys may reference them) by oid and attnum.
class table_collector {
 public:
  explicit table_collector(const std::vector<std::string>& ignore) : ignore_(ignore) {}

  // The columns query's rows come grouped by table (ordered by name): a new oid
  // starts the next table. Null for ignored tables.
  table* add(pqxx::oid oid, const std::string& name) {
    if (relations_.empty() || relations_.back().oid != oid) {
      relation r{oid, name, {}, no_table, {}};
      by_oid_.insert(by_oid_.begin() + static_cast<std::ptrdiff_t>(place_of(oid)), relations_.size());
      if (std::find(ignore_.begin(), ignore_.end(), name) == ignore_.end()) {
        r.table_index = tables_.size();
        tables_.push_back(table{name, {}, {}, {}, {}, {}});
      }
      relations_.push_back(std::move(r));
    }
    return table_of(relations_.back());
  }
  // The oids of the tables the table added last inherits from, given by each
  // of its inherited columns: kept once.
  void inherit(std::vector<std::size_t> parent_oids) {
    auto& parents = relations_.back().parent_oids;
    if (parents.empty()) parents = std::move(parent_oids);
  }
  // Names a column of the table added last.
  void name_column(int attnum, const std::string& name) {
    auto& columns = relations_.back().columns;
    if (static_cast<std::size_t>(attnum) >= columns.size()) columns.resize(static_cast<std::size_t>(attnum) + 1);
    columns[static_cast<std::size_t>(attnum)] = name;
  }
  // Null for ignored tables and tables the columns query did not list.
  table* find(pqxx::oid oid) {
    const relation* r = relation_of(oid);
    return r ? table_of(*r) : nullptr;
  }
  // Null for a table the columns query did not list.
  const std::string* table_name(pqxx::oid oid) const {
    const relation* r = relation_of(oid);
    return r ? &r->name : nullptr;
  }
  // The names of `attnums` of a listed table (its columns query rows named them).
  std::vector<std::string> column_names(pqxx::oid oid, const std::vector<std::size_t>& attnums) const {
    const relation* r = relation_of(oid);
    if (!r) throw error("dbpush: PostgreSQL's catalog names a table the columns query did not list (oid " +
                        std::to_string(oid) + ")");
    std::vector<std::string> out;
    for (const std::size_t attnum : attnums) out.push_back(r->columns.at(attnum));
    return out;
  }
  // Each listed table (ignored ones too) that inherits from another listed one.
  std::vector<catalog_facts::inheritance> inherits() const {
    std::vector<catalog_facts::inheritance> out;
    for (const auto& r : relations_)
      for (const std::size_t oid : r.parent_oids)
        if (const std::string* parent = table_name(static_cast<pqxx::oid>(oid))) out.push_back({r.name, *parent});
    return out;
  }
  std::vector<table> take() { return std::move(tables_); }
  // "{16385,16390}": the oids of every table listed, as an oid[] literal.
  std::string oid_array() const {
    std::string out;
    for (const auto& r : relations_) out += (out.empty() ? "" : ",") + std::to_string(r.oid);
    return "{" + out + "}";
  }

 private:
  static constexpr std::size_t no_table = static_cast<std::size_t>(-1);
  struct relation {
    pqxx::oid oid;
    std::string name;
    std::vector<std::string> columns;  // by attnum
    std::size_t table_index;
    std::vector<std::size_t> parent_oids;  // of the tables it inherits from
  };

  table* table_of(const relation& r) { return r.table_index == no_table ? nullptr : &tables_[r.table_index]; }
  // Where `oid` is in by_oid_, or would go.
  std::size_t place_of(pqxx::oid oid) const {
    const auto at = std::partition_point(by_oid_.begin(), by_oid_.end(),
                                         [&](std::size_t r) { return relations_[r].oid < oid; });
    return static_cast<std::size_t>(at - by_oid_.begin());
  }
  const relation* relation_of(pqxx::oid oid) const {
    const auto at = place_of(oid);
    return at < by_oid_.size() && relations_[by_oid_[at]].oid == oid ? &relations_[by_oid_[at]] : nullptr;
  }

  const std::vector<std::string>& ignore_;
  std::vector<relation> relations_;
  // Positions in relations_ in the order of their oids: a binary search finds one.
  std::vector<std::size_t> by_oid_;
  std::vector<table> tables_;
};

DBPUSH_INLINE void read_columns(pqxx::transaction_base& tx, pqxx::oid ns, table_collector& tables, live_catalog& out) {
  for (const auto& row : tx.exec_params(columns_query, ns)) {
    const auto oid = row[0].as<pqxx::oid>();
    table* t = tables.add(oid, row[1].as<std::string>());
    if (row[3].is_null()) continue;
    column c;
    c.name = row[3].as<std::string>();
    tables.name_column(row[2].as<int>(), c.name);
    if (!row[11].is_null()) tables.inherit(attnums_of(row[11].as<std::string>()));
    if (!t || !row[10].as<bool>()) continue;
    c.type = row[4].as<std::string>();
    c.nullable = !row[5].as<bool>();
    const bool identity = row[7].as<bool>();
    if (!row[8].is_null()) c.enum_type = row[8].as<std::string>();
    if (!row[9].is_null()) {
      c.autoincrement = true;
      out.facts.sequences.push_back({t->name, c.name, row[9].as<std::string>(), !identity});
    } else {
      c.autoincrement = identity;
      if (!row[6].is_null()) c.default_sql = row[6].as<std::string>();
    }
    t->columns.push_back(std::move(c));
  }
}

DBPUSH_INLINE void read_index(const pqxx::row& row, table& t, pqxx::oid oid, const table_collector& tables) {
  auto attnums = attnums_of(row[3].as<std::string>());
  attnums.resize(std::min(attnums.size(), static_cast<std::size_t>(row[9].as<int>())));  // not INCLUDE
  index i;
  i.name = row[1].as<std::string>();
  i.unique = row[8].as<bool>();
  i.columns = tables.column_names(oid, attnums);
  if (!row[10].is_null()) i.where = row[10].as<std::string>();
  i.from_constraint = row[11].as<bool>();
  t.indexes.push_back(std::move(i));
}

DBPUSH_INLINE void read_keys_and_indexes(pqxx::transaction_base& tx, pqxx::oid ns, table_collector& tables,
                                         live_catalog& out) {
  for (const auto& row : tx.exec_params(keys_and_indexes_query, ns, tables.oid_array())) {
    const auto oid = row[0].as<pqxx::oid>();
    table* t = tables.find(oid);
    if (!t) continue;
    const auto kind = row[2].as<std::string>();
    const bool valid = row[12].as<bool>();
    // An invalid index may be incomplete and serves no query: never present.
    if (kind == "i" && !valid) out.facts.invalid_indexes.push_back({t->name, row[1].as<std::string>()});
    if (kind == "i") {
      if (valid) read_index(row, *t, oid, tables);
      continue;
    }
    const auto name = row[1].as<std::string>();
    auto columns = tables.column_names(oid, attnums_of(row[3].as<std::string>()));
    if (kind == "c") {
      if (columns.size() == 1) out.facts.not_null_helpers.push_back({t->name, columns.front(), name, valid});
      continue;
    }
    if (kind == "p") {
      out.facts.primary_key_names.push_back({t->name, name});
      t->primary_key = std::move(columns);
      continue;
    }
    const auto referenced = row[4].as<pqxx::oid>();
    const std::string* referenced_name = tables.table_name(referenced);
    if (!referenced_name) continue;
    foreign_key fk;
    fk.name = name;
    fk.columns = std::move(columns);
    fk.referenced_table = *referenced_name;
    fk.referenced_columns = tables.column_names(referenced, attnums_of(row[5].as<std::string>()));
    fk.on_delete = action_of(row[6].as<std::string>().front());
    fk.on_update = action_of(row[7].as<std::string>().front());
    // A NOT VALID foreign key is not done: the next push validates it.
    if (valid)
      t->foreign_keys.push_back(std::move(fk));
    else
      out.facts.unvalidated_foreign_keys.push_back({t->name, std::move(fk)});
  }
}


DBPUSH_INLINE const std::string* catalog_facts::primary_key_name(const std::string& table) const {
  for (const auto& key : primary_key_names)
    if (key.table == table) return &key.name;
  return nullptr;
}

DBPUSH_INLINE const catalog_facts::not_null_helper* catalog_facts::not_null_helper_of(
    const std::string& table, const std::string& column) const {
  for (const auto& h : not_null_helpers)
    if (h.table == table && h.column == column) return &h;
  return nullptr;
}

DBPUSH_INLINE const catalog_facts::unvalidated_foreign_key* catalog_facts::unvalidated(
    const std::string& table, const std::string& name) const {
  for (const auto& k : unvalidated_foreign_keys)
    if (k.table == table && k.key.name == name) return &k;
  return nullptr;
}

DBPUSH_INLINE const catalog_facts::owned_sequence* catalog_facts::sequence_of(const std::string& table,
                                                                             const std::string& column) const {
  for (const auto& s : sequences)
    if (s.table == table && s.column == column) return &s;
  return nullptr;
}

DBPUSH_INLINE live_catalog read_catalog(pqxx::transaction_base& tx, const std::string& pg_schema,
                                        const std::vector<std::string>& ignore_tables) {
  live_catalog out;
  const auto namespace_rows = tx.exec_params(detail::namespace_query, pg_schema);
  out.facts.namespace_exists = !namespace_rows.empty();
  if (!out.facts.namespace_exists) return out;
  for (const auto& row : namespace_rows) {
    if (row[1].is_null()) continue;
    const auto name = row[1].as<std::string>();
    auto& enums = out.contents.enums;
    if (enums.empty() || enums.back().name != name) enums.push_back(enum_type{name, {}});
    enums.back().values.push_back(row[2].as<std::string>());
  }
  const auto ns = namespace_rows[0][0].as<pqxx::oid>();
  out.facts.print_settings = namespace_rows[0][3].as<std::string>();
  detail::table_collector tables(ignore_tables);
  detail::read_columns(tx, ns, tables, out);
  out.facts.inherits = tables.inherits();
  detail::read_keys_and_indexes(tx, ns, tables, out);
  out.contents.tables = tables.take();
  canonicalise(out.contents);
  normalise(out.contents);
  return out;
}

}  // namespace db::postgres::detail
