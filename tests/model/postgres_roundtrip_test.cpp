// The schema derived from models, pushed to a real PostgreSQL server: it reads
// back equal to db::schema_of's output as is (the DSL spells types and defaults
// the way the catalog reports them), and a second push runs nothing.
#include "everything.hpp"
#include "postgres/pg_fixture.hpp"

#include <doctest/doctest.h>

TEST_CASE("every type and default pushed to PostgreSQL reads back equal") {
  pgtest::fixture f;
  const db::schema target = db::schema_of<types_test::Everything, shop::User, shop::Post>(db::dialect::postgres);
  const db::push_result first = f.push(target);
  CHECK(first.changed);
  CHECK_MESSAGE(f.live() == target, "live:\n" << f.live() << "\ntarget:\n" << target);
  f.check_idempotent(target);

  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a@example.com')");
  CHECK(f.column_of("SELECT role::text FROM " + f.q("users")) == std::vector<std::string>{"member"});
  CHECK(f.count("SELECT count(*) FROM " + f.q("users") + " WHERE created_at > now() - interval '1 hour'") == 1);
  f.exec("INSERT INTO " + f.q("Post") + " (title, author_id, cover) VALUES ('t', 1, '\\x00')");
  CHECK(f.column_of("SELECT published::text FROM " + f.q("Post")) == std::vector<std::string>{"false"});
  f.exec("DELETE FROM " + f.q("users"));
  CHECK(f.count("SELECT count(*) FROM " + f.q("Post")) == 0);
}

TEST_CASE("unsigned 64-bit autoincrement keys push to PostgreSQL as bigint identities; other values keep 20 digits") {
  pgtest::fixture f;
  const db::schema target = db::schema_of<uint64_keys::Ticket, uint64_keys::Stub>(db::dialect::postgres);
  CHECK(f.push(target).changed);
  CHECK_MESSAGE(f.live() == target, "live:\n" << f.live() << "\ntarget:\n" << target);
  f.check_idempotent(target);
  CHECK(f.column_of("SELECT column_name || ':' || data_type || ':' || is_identity FROM information_schema.columns "
                    "WHERE table_schema = '" + f.name + "' AND table_name = 'Ticket' ORDER BY ordinal_position") ==
        std::vector<std::string>{"id:bigint:YES", "serial:numeric:NO", "title:text:NO"});

  // The keys are filled by the database; values above INT64_MAX fit the other columns.
  f.exec("INSERT INTO " + f.q("Ticket") + " (serial, title) VALUES (18446744073709551615, 'a'), (7, 'b')");
  f.exec("INSERT INTO " + f.q("Stub") + " (ticket_id, ticket, ticket_serial, hits) "
         "VALUES (1, 1, 18446744073709551615, 18446744073709551615), (2, 2, 7, 0)");
  CHECK(f.column_of("SELECT id::text FROM " + f.q("Ticket") + " ORDER BY id") == std::vector<std::string>{"1", "2"});
  CHECK(f.column_of("SELECT number || ':' || hits FROM " + f.q("Stub") + " ORDER BY number") ==
        std::vector<std::string>{"1:18446744073709551615", "2:0"});
  // The foreign keys work: deleting a ticket clears one stub's reference and deletes the other stub.
  f.exec("DELETE FROM " + f.q("Ticket") + " WHERE id = 2");
  CHECK(f.column_of("SELECT number::text FROM " + f.q("Stub")) == std::vector<std::string>{"1"});
}
