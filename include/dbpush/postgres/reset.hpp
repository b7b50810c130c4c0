// dbpush: db::reset's fast way on PostgreSQL: when the managed schema already
// is the target, its tables are emptied instead of dropped and made again.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <pqxx/transaction_base>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db::postgres::detail {

enum class dependency : std::uint8_t {
  foreign_key,  // references the managed table
  inherits,     // inherits from it
  uses,         // a view, materialized view or rule that reads it
};

// A relation dbpush does not manage (in ignore_tables, in another schema, or
// a view) that depends on a managed table: emptying the managed table would
// reach a referencing or inheriting table, and dropping it would have to drop
// the dependency too.
struct unmanaged_dependent {
  std::string table;      // the managed table
  std::string schema;     // the dependent's schema
  std::string dependent;  // its name
  std::string kind;       // "table", "view" or "materialized view"
  dependency how = dependency::foreign_key;
  std::string constraint;  // the foreign key's name
};

// What stops dropping `tables` (of the managed schema): the tables that
// reference or inherit from them, partitions aside (dropping a partitioned
// table drops its partitions, as it always did), and the views and rules of
// other relations that use them.
DBPUSH_INLINE std::vector<unmanaged_dependent> unmanaged_dependents(pqxx::transaction_base& tx,
                                                                    const std::vector<std::string>& tables,
                                                                    const sql_names& names);

// db::integrity_error naming each dependent, its managed table and its
// constraint, and what to do; nothing was changed. `dependents` is not empty.
[[noreturn]] DBPUSH_INLINE void refuse_unmanaged_dependents(const std::vector<unmanaged_dependent>& dependents,
                                                            const sql_names& names);

// What emptying the tables of a target needs to know, read from the catalog in
// one query. No table is read, so the survey costs the same whatever the
// tables hold, and the server plans no statement per table.
struct emptying_survey {
  std::vector<unmanaged_dependent> dependents;
  // A managed table has partitions: emptying it empties them (they are not
  // in the target), so the reset takes the long way.
  bool has_partitions = false;
  struct table_state {
    // The bytes of its heap. 0 means it holds no row (it has had none since
    // it was made or truncated).
    std::int64_t bytes = 0;
    bool large = false;            // its heap and TOAST table hold more than many_bytes
    bool fires_on_delete = false;  // a trigger or rule of the user's fires on DELETE
  };
  std::vector<table_state> tables;  // per table of the target, in its order
  // An owned sequence (identity, SERIAL) that gave a value.
  struct used_sequence {
    std::string name;   // unquoted
    std::string table;  // the table that owns it
    std::int64_t start = 1;
  };
  std::vector<used_sequence> used_sequences;
  // The user may set every used sequence (setval needs UPDATE on it).
  bool may_set_sequences = true;
};

// Above this many bytes (heap and TOAST) in a table, TRUNCATE is cheaper than
// DELETE, which reads every page and deletes every TOAST chunk.
inline constexpr std::int64_t many_bytes = 128 * 1024;

// `sequences`: the owned sequences introspection found (catalog_facts).
DBPUSH_INLINE emptying_survey survey_for_emptying(pqxx::transaction_base& tx, const schema& target,
                                                  const std::vector<catalog_facts::owned_sequence>& sequences,
                                                  const sql_names& names);

// The statements that empty the tables of `target` in a managed schema that
// holds exactly `target` (the check of a no-op push said so) and restart
// their identity and SERIAL sequences, reaching nothing else. Only what may
// hold rows is emptied: tables with pages, sequences that gave a value
// (nothing runs when there is none). Small tables on which nothing of the
// user's fires on DELETE, their foreign keys in no cycle: a DELETE of each,
// children first, in one statement; then, after the commit, outside any
// transaction, one `SELECT <lock_timeout>, setval(…, start, false), …` of the
// used sequences (`lock_timeout`: the set_config call that bounds its lock
// waits, or empty). setval is not transactional, so it runs only once the rows are
// gone for good: before the commit, a failed reset would leave rows whose ids
// the sequences hand out again. Where the user may not setval a sequence,
// `ALTER SEQUENCE … RESTART` of each in the transaction instead (far dearer:
// it gives the sequence a new file and a new pg_class row). Otherwise one
// `TRUNCATE … RESTART IDENTITY` of those tables and the tables referencing
// them (a new file for every table, index and sequence). Never CASCADE.
// nullopt, and the reset takes the long way (drop, push), when a managed table
// has partitions. `survey.dependents` must be empty (refused before).
DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(const schema& target,
                                                                        const emptying_survey& survey,
                                                                        const sql_names& names,
                                                                        const std::string& lock_timeout);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/reset.ipp>
#endif
