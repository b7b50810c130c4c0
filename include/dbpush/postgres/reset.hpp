// dbpush: db::reset's fast way on PostgreSQL: when the managed schema already
// is the target, its tables are emptied instead of dropped and made again.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <pqxx/transaction_base>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db::postgres::detail {

// What emptying the tables of a target needs to know, read in one query.
struct emptying_survey {
  // A table outside the target (in ignore_tables or another schema) references
  // one of its tables with a foreign key or inherits from one: emptying would
  // have to reach it (TRUNCATE empties descendants, CASCADE referencing tables).
  bool reaches_unmanaged = false;
  std::vector<std::int64_t> rows;          // per table of the target, counted up to many_rows + 1
  std::vector<bool> has_trigger;           // per table: a trigger of the user's (DELETE would fire it)
  std::vector<std::string> used_sequences; // owned sequences (identity, SERIAL) that gave a value, unquoted
  std::vector<std::string> their_tables;   // the table of each used sequence
};

// Above this many rows in a table, TRUNCATE is cheaper than DELETE.
inline constexpr std::int64_t many_rows = 1000;

DBPUSH_INLINE emptying_survey survey_for_emptying(pqxx::transaction_base& tx, const schema& target,
                                                  const sql_names& names);

// The statements that empty the tables of `target` in a managed schema that
// holds exactly `target` (the check of a no-op push said so) and restart
// their identity and SERIAL sequences, reaching nothing else. Only what a
// test touched is emptied: tables holding rows, sequences that gave a value
// (nothing runs when there is none). Small tables without triggers of the
// user's, their foreign keys in no cycle: a DELETE of each, children first,
// and `ALTER SEQUENCE … RESTART` of each used sequence (both transactional,
// and far cheaper than a TRUNCATE, which gives every table, index and
// sequence a new file). Otherwise one `TRUNCATE … RESTART IDENTITY` of those
// tables and the tables referencing them. Never CASCADE: a table outside the
// target is never emptied with them, the server refuses instead.
// nullopt, and the reset takes the long way (drop, push), when
// survey.reaches_unmanaged.
DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(const schema& target,
                                                                        const emptying_survey& survey,
                                                                        const sql_names& names);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/reset.ipp>
#endif
