// dbpush: defaults and index predicates compared as PostgreSQL stores them.
//
// The catalog keeps an expression as the server rewrote it: `status IN ('a',
// 'b')` on an enum column comes back as `(status = ANY (ARRAY['a'::app.status,
// 'b'::app.status]))`. Rather than guess those rules, dbpush asks the server:
// where a target's default or predicate differs from the live one (after the
// plain spellings of types.hpp), it creates the same expression on a scratch
// copy of the table (a temporary table with the target's column names and
// types) inside a subtransaction that is always rolled back, and reads back
// pg_get_expr. All questions of a push go in one DO block, which reports each
// answer as a NOTICE, so the first push that asks costs one statement more and
// changes nothing. Answers are kept for the life of the process (thread-safe),
// keyed by everything that decides them, so later pushes ask nothing.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/schema/schema.hpp>

#include <pqxx/transaction_base>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace db::postgres::detail {

enum class expression_kind { column_default, index_predicate };

// A target default or predicate whose text differs from the live one's.
struct expression_question {
  expression_kind kind{};
  std::string table;   // named alike in the target and the live schema
  std::string object;  // the column (default) or index (predicate)
  std::string text;    // the target's text
  // Where the live expression is: live.tables[live_table], its columns (a
  // default) or indexes (a predicate) [live_object].
  std::size_t live_table = 0;
  std::size_t live_object = 0;
  // Everything but the connection that decides the server's form: the kind,
  // the text and the scratch table's definition (names, types, enum labels).
  std::string key;
};

// The defaults and predicates of `target` that differ in text from those of the
// same columns and indexes of `live`, on columns whose type does not change and
// indexes that keep their columns (anything else is rebuilt anyway).
DBPUSH_INLINE std::vector<expression_question> differing_expressions(const schema& live, const schema& target);

// The DO block that answers `questions` (numbered by position) with NOTICEs
// "dbpush-spelling <number> <hex of the server's text>"; an expression the server
// rejects gets no answer. Enum types of the target that the live schema lacks
// (or lacks labels of) are created for the scratch tables under their real
// names, in the managed schema, so the casts print as they will after the push.
// Empty when there is no question.
DBPUSH_INLINE std::string spelling_statement(const std::vector<expression_question>& questions,
                                             const schema& live, const schema& target, const sql_names& names);

// The answers in the NOTICE `message` (libpq's text, possibly with a severity
// prefix and CONTEXT lines), or nullopt when it is not one of ours.
struct spelling_answer {
  std::size_t question = 0;
  std::string text;
};
DBPUSH_INLINE std::optional<spelling_answer> parse_spelling_notice(const std::string& message);

// Where the server stores a target's default or predicate as the live one is
// stored, the live schema takes the target's text, so the differ sees no
// change. Asks the server (one statement) only about questions the process has
// not asked before under the same `connection_key` (server, database and the
// session settings that change how expressions print).
DBPUSH_INLINE void adopt_server_spellings(pqxx::transaction_base& tx, schema& live, const schema& target,
                                          const sql_names& names, const std::string& connection_key);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/expressions.ipp>
#endif
