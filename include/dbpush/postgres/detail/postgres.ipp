// dbpush: definitions for <dbpush/postgres.hpp>.
#pragma once

#include <dbpush/postgres.hpp>
#include <dbpush/postgres/session.hpp>

#include <utility>

namespace db {

// Each attempt is a session of its own: a lock timeout rolled the last one back.
DBPUSH_INLINE push_result push(pqxx::connection_base& conn, const schema& target,
                               const push_options& options) {
  return postgres::detail::retry_lock_waits(options.postgres, [&] {
    postgres::detail::session s(conn, options.postgres);
    return detail::push(s, target, options);
  });
}

DBPUSH_INLINE push_plan plan(pqxx::connection_base& conn, const schema& target,
                             const push_options& options) {
  return postgres::detail::retry_lock_waits(options.postgres, [&] {
    postgres::detail::session s(conn, options.postgres);
    return detail::make_plan(s, target, options);
  });
}

DBPUSH_INLINE push_result apply(pqxx::connection_base& conn, const push_plan& plan,
                                const push_options& options) {
  return postgres::detail::retry_lock_waits(options.postgres, [&] {
    postgres::detail::session s(conn, options.postgres);
    return detail::apply(s, plan, options);
  });
}

DBPUSH_INLINE push_result reset(pqxx::connection_base& conn, const schema& target,
                                const push_options& options) {
  return postgres::detail::retry_lock_waits(options.postgres, [&] {
    postgres::detail::session s(conn, options.postgres);
    return detail::reset(
        s, [&](const schema& t, const detail::dialect_facts* facts) { return s.emptying_statements(t, facts, options); },
        target, options);
  });
}

DBPUSH_INLINE schema introspect(pqxx::connection_base& conn, const push_options& options) {
  postgres::detail::session s(conn, options.postgres);
  s.begin();
  auto live = s.introspect(schema{}, options);
  s.rollback();
  return std::move(live.contents);
}

}  // namespace db
