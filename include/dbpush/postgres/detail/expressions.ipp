// dbpush: definitions for <dbpush/postgres/detail/expressions.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/detail/expressions.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <pqxx/connection_base>
#include <pqxx/errorhandler>

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace db::postgres::detail {

// Fields of a cache key are joined with NUL, the one byte no PostgreSQL text holds.
DBPUSH_INLINE void add_key_field(std::string& key, std::string_view field) {
  key += field;
  key += '\0';
}

// The type a scratch column is declared with, as the renderer declares it.
DBPUSH_INLINE std::string scratch_type(const column& c, const sql_names& q) {
  return c.enum_type ? q.qualified(*c.enum_type) : c.type;
}

// A column's part of a cache key: its name, type and, for an enum, its labels.
DBPUSH_INLINE void add_column_key(std::string& key, const column& c, const schema& target) {
  add_key_field(key, c.name);
  add_key_field(key, c.type);
  if (!c.enum_type) return;
  add_key_field(key, *c.enum_type);
  if (const auto* e = target.find_enum(*c.enum_type))
    for (const auto& v : e->values) add_key_field(key, v);
}

// Whether a question's scratch table has column `c` of the question's table:
// it has the defaulted column alone (a default cannot name other columns), or
// the whole table (a predicate may).
DBPUSH_INLINE bool in_scratch_table(const expression_question& question, const column& c) {
  return question.kind == expression_kind::index_predicate || c.name == question.object;
}

DBPUSH_INLINE std::string question_key(const expression_question& q, const table& t, const schema& target) {
  std::string key;
  add_key_field(key, q.kind == expression_kind::column_default ? "default" : "predicate");
  for (const auto& c : t.columns)
    if (in_scratch_table(q, c)) add_column_key(key, c, target);
  if (q.kind == expression_kind::index_predicate)
    for (const auto& c : t.find_index(q.object)->columns) add_key_field(key, c);
  add_key_field(key, q.text);
  return key;
}

DBPUSH_INLINE std::string scratch_table(std::size_t number) { return "dbpush_spelling_" + std::to_string(number); }

// What creates question `number`'s expression on a scratch table, and the query
// that reads the server's text of it back.
struct scratch_statements {
  std::string table;
  std::string index;  // empty for a default
  std::string read_back;
};

DBPUSH_INLINE scratch_statements scratch_for(const expression_question& question, std::size_t number, const table& t,
                                             const sql_names& q) {
  const std::string name = scratch_table(number);
  std::string definition;
  for (const auto& c : t.columns) {
    if (!in_scratch_table(question, c)) continue;
    definition += (definition.empty() ? "" : ", ") + q.name(c.name) + " " + scratch_type(c, q);
    if (question.kind == expression_kind::column_default) definition += " DEFAULT " + question.text;
  }
  scratch_statements out;
  out.table = "CREATE TEMPORARY TABLE " + name + " (" + definition + ")";
  const std::string relation = q.literal("pg_temp." + name) + "::regclass";
  if (question.kind == expression_kind::column_default) {
    out.read_back = "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d WHERE d.adrelid = " + relation;
    return out;
  }
  out.index = "CREATE INDEX " + name + "_index ON pg_temp." + name + " (" +
              q.names(t.find_index(question.object)->columns) + ") WHERE " + question.text;
  out.read_back = "SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i WHERE i.indrelid = " + relation;
  return out;
}

// Enums the scratch tables use that the live schema lacks, or lacks labels of:
// created under their real names (the live one renamed away for the while), so
// labels are valid and casts print qualified as after the push.
DBPUSH_INLINE std::string scratch_enums(const std::vector<expression_question>& questions, const schema& live,
                                        const schema& target, const sql_names& q) {
  std::vector<std::string> done;
  std::string out;
  for (const auto& question : questions) {
    for (const auto& c : target.find_table(question.table)->columns) {
      if (!in_scratch_table(question, c) || !c.enum_type ||
          std::find(done.begin(), done.end(), *c.enum_type) != done.end())
        continue;
      done.push_back(*c.enum_type);
      const enum_type* wanted = target.find_enum(*c.enum_type);
      const enum_type* existing = live.find_enum(*c.enum_type);
      if (!wanted) continue;
      const bool complete = existing && std::all_of(wanted->values.begin(), wanted->values.end(), [&](const auto& v) {
                              return std::find(existing->values.begin(), existing->values.end(), v) !=
                                     existing->values.end();
                            });
      if (complete) continue;
      out += "  BEGIN\n";
      if (existing)
        out += "    EXECUTE " +
               q.literal("ALTER TYPE " + q.qualified(wanted->name) + " RENAME TO " +
                         q.name(db::detail::generated_identifier(wanted->name, "dbpush_scratch"))) +
               ";\n";
      out += "    EXECUTE " +
             q.literal("CREATE TYPE " + q.qualified(wanted->name) + " AS ENUM (" + q.literals(wanted->values) + ")") +
             ";\n  EXCEPTION WHEN others THEN NULL;\n  END;\n";
    }
  }
  return out;
}

// The server's spellings, for the life of the process: keys are the connection's
// key followed by a question's key. Never destroyed, so a push from a static
// destructor still finds it.
class spelling_cache {
 public:
  std::optional<std::string> find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto at = position(key);
    if (at == entries_.end() || at->key != key) return std::nullopt;
    return at->spelling;
  }
  void insert(std::string key, std::string spelling) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto at = position(key);
    if (at == entries_.end() || at->key != key) entries_.insert(at, entry{std::move(key), std::move(spelling)});
  }

 private:
  struct entry {
    std::string key;
    std::string spelling;
  };
  // Where `key` is, or would go.
  std::vector<entry>::iterator position(const std::string& key) {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const entry& e, const std::string& k) { return e.key < k; });
  }
  std::mutex mutex_;
  std::vector<entry> entries_;  // sorted by key
};

DBPUSH_INLINE spelling_cache& spellings() {
  static auto* cache = new spelling_cache;
  return *cache;
}

inline constexpr std::string_view spelling_marker = "dbpush-spelling ";

// While it lives, puts the answers our NOTICEs give to `questions` in the
// cache, under `connection_key`, and keeps them from the connection's older
// error handlers (the application's, if any); other notices pass on.
class spelling_notices final : public pqxx::errorhandler {
 public:
  spelling_notices(pqxx::connection_base& conn, const std::vector<expression_question>& questions,
                   const std::string& connection_key)
      : pqxx::errorhandler(conn), questions_(questions), connection_key_(connection_key) {}
  DBPUSH_INLINE bool operator()(const char message[]) noexcept override;

 private:
  const std::vector<expression_question>& questions_;
  const std::string& connection_key_;
};

DBPUSH_INLINE bool spelling_notices::operator()(const char message[]) noexcept {
  try {
    auto answer = parse_spelling_notice(message);
    if (!answer) return true;
    if (answer->question < questions_.size())
      spellings().insert(connection_key_ + questions_[answer->question].key, std::move(answer->text));
    return false;
  } catch (...) {
    return true;  // out of memory: the question stays unanswered
  }
}

// `type`: the column's, for a default.
DBPUSH_INLINE std::string canonical_expression(expression_kind kind, const std::string& text, const std::string& type) {
  return kind == expression_kind::column_default ? canonical_default(text, type) : canonical_predicate(text);
}


DBPUSH_INLINE std::vector<expression_question> differing_expressions(const schema& live, const schema& target) {
  std::vector<expression_question> out;
  db::detail::name_index live_tables;
  live_tables.reserve(live.tables.size());
  for (std::size_t i = 0; i < live.tables.size(); ++i) live_tables.insert(live.tables[i].name, i);
  for (const auto& t : target.tables) {
    const std::size_t at = live_tables.find(t.name);
    if (at == db::detail::name_index::npos) continue;
    const table& l = live.tables[at];
    auto ask = [&](expression_kind kind, const std::string& object, const std::string& text, std::size_t position) {
      expression_question q{kind, t.name, object, text, at, position, {}};
      q.key = detail::question_key(q, t, target);
      out.push_back(std::move(q));
    };
    for (std::size_t k = 0; k < l.columns.size(); ++k) {
      const column& lc = l.columns[k];
      if (!lc.default_sql) continue;
      const column* c = t.find_column(lc.name);
      if (c && c->default_sql && *c->default_sql != *lc.default_sql && c->type == lc.type)
        ask(expression_kind::column_default, c->name, *c->default_sql, k);
    }
    for (std::size_t k = 0; k < l.indexes.size(); ++k) {
      const index& li = l.indexes[k];
      if (!li.where) continue;
      const index* i = t.find_index(li.name);
      if (i && i->where && *i->where != *li.where && i->columns == li.columns)
        ask(expression_kind::index_predicate, i->name, *i->where, k);
    }
  }
  return out;
}

DBPUSH_INLINE std::string spelling_statement(const std::vector<expression_question>& questions, const schema& live,
                                             const schema& target, const sql_names& q) {
  if (questions.empty()) return {};
  std::string tables, indexes, reads;
  for (std::size_t n = 0; n < questions.size(); ++n) {
    const auto s = detail::scratch_for(questions[n], n, *target.find_table(questions[n].table), q);
    const std::string next = n ? ",\n    " : "";
    tables += next + q.literal(s.table);
    indexes += next + (s.index.empty() ? "NULL" : q.literal(s.index));
    reads += next + q.literal(s.read_back);
  }
  // The statements run through EXECUTE from arrays, in one loop: a static
  // statement per question would be a cached plan each, and every scratch
  // table's invalidation walks all cached plans. Each question rolls its own
  // scratch table back (the inner exception), so the locks of many tables do not
  // pile up; the outer block's exception rolls back the scratch enums and the
  // setting, and its handler ends the statement well.
  const std::string body = "\nDECLARE\n  scratch_tables text[] := ARRAY[\n    " + tables +
                           "];\n  scratch_indexes text[] := ARRAY[\n    " + indexes +
                           "];\n  read_backs text[] := ARRAY[\n    " + reads +
                           "];\n  spelling text;\nBEGIN\n"
                           "  PERFORM set_config('client_min_messages', 'notice', true);\n" +
                           detail::scratch_enums(questions, live, target, q) +
                           "  FOR n IN 1 .. cardinality(read_backs) LOOP\n"
                           "    BEGIN\n"
                           "      EXECUTE scratch_tables[n];\n"
                           "      IF scratch_indexes[n] IS NOT NULL THEN\n"
                           "        EXECUTE scratch_indexes[n];\n"
                           "      END IF;\n"
                           "      EXECUTE read_backs[n] INTO spelling;\n"
                           "      IF spelling IS NOT NULL THEN\n"
                           "        RAISE NOTICE '" + std::string(detail::spelling_marker) +
                           "% %', n - 1, encode(convert_to(spelling, pg_client_encoding()), 'hex');\n"
                           "      END IF;\n"
                           "      RAISE EXCEPTION 'dbpush: roll back the scratch table';\n"
                           "    EXCEPTION WHEN others THEN NULL;\n"
                           "    END;\n"
                           "  END LOOP;\n"
                           "  RAISE EXCEPTION 'dbpush: roll back the scratch objects';\n"
                           "EXCEPTION WHEN others THEN NULL;\nEND ";
  // A dollar quote that no expression contains.
  std::string quote = "$dbpush_spelling$";
  for (int n = 1; body.find(quote) != std::string::npos; ++n) quote = "$dbpush_spelling_" + std::to_string(n) + "$";
  return "DO " + quote + body + quote;
}

DBPUSH_INLINE std::optional<spelling_answer> parse_spelling_notice(const std::string& message) {
  const auto marker = message.find(detail::spelling_marker);
  if (marker == std::string::npos) return std::nullopt;
  std::size_t at = marker + detail::spelling_marker.size();
  spelling_answer out;
  const std::size_t digits = at;
  for (; at < message.size() && message[at] >= '0' && message[at] <= '9'; ++at)
    out.question = out.question * 10 + static_cast<std::size_t>(message[at] - '0');
  if (at == digits || at >= message.size() || message[at] != ' ') return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (++at; at + 1 < message.size() && nibble(message[at]) >= 0 && nibble(message[at + 1]) >= 0; at += 2)
    out.text += static_cast<char>(nibble(message[at]) * 16 + nibble(message[at + 1]));
  return out;
}

DBPUSH_INLINE void adopt_server_spellings(pqxx::transaction_base& tx, schema& live, const schema& target,
                                          const sql_names& names, const std::string& connection_key) {
  auto questions = differing_expressions(live, target);
  if (questions.empty()) return;
  auto& cache = detail::spellings();
  std::vector<expression_question> unknown;  // one per distinct key: tables alike ask once
  db::detail::name_set asked;                // views of the keys in `questions`
  for (const auto& q : questions)
    if (!cache.find(connection_key + q.key) && asked.insert(q.key)) unknown.push_back(q);
  if (!unknown.empty()) {
    detail::spelling_notices answers(tx.conn(), unknown, connection_key);
    tx.exec(spelling_statement(unknown, live, target, names));
  }
  for (const auto& q : questions) {
    const auto spelling = cache.find(connection_key + q.key);  // none: the server rejected the expression
    if (!spelling) continue;
    auto& t = live.tables[q.live_table];
    const bool is_default = q.kind == expression_kind::column_default;
    auto& stored = is_default ? t.columns[q.live_object].default_sql : t.indexes[q.live_object].where;
    const std::string type = is_default ? t.columns[q.live_object].type : std::string();
    if (detail::canonical_expression(q.kind, *spelling, type) == *stored) stored = q.text;
  }
}

}  // namespace db::postgres::detail
