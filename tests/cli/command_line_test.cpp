// Database URLs as the command line reads them: what it connects to and what it
// shows, never with user or password. Dry: no database.
#include <dbpush/cli/command_line.hpp>

#include <doctest/doctest.h>

#include <string>

TEST_CASE("cli: database URLs are read and shown without credentials") {
  struct row {
    std::string url, shown, target;
  };
  const row rows[] = {
      {"sqlite:app.db", "SQLite database \"app.db\"", "app.db"},
      {"sqlite:///var/lib/app.db", "SQLite database \"/var/lib/app.db\"", "/var/lib/app.db"},
      {"file:./dev.db", "SQLite database \"./dev.db\"", "./dev.db"},
      {"sqlite::memory:", "SQLite database in memory", ":memory:"},
      {"postgresql://app:pw@db.local:6543/shop", "PostgreSQL database \"shop\", schema \"public\" at \"db.local:6543\"", ""},
      {"postgres://app@db.local/shop?sslmode=require", "PostgreSQL database \"shop\", schema \"public\" at \"db.local:5432\"", ""},
      {"postgresql://app:p%40ss@[::1]:5433/shop", "PostgreSQL database \"shop\", schema \"public\" at \"[::1]:5433\"", ""},
      {"postgresql:///shop?host=/run/postgresql&port=5439", "PostgreSQL database \"shop\", schema \"public\" at \"/run/postgresql:5439\"", ""},
      {"postgresql://app:pw@%2Ftmp%2Fsock/shop", "PostgreSQL database \"shop\", schema \"public\" at \"/tmp/sock:5432\"", ""},
      {"postgresql://app:pw@localhost", "PostgreSQL database \"app\", schema \"public\" at \"localhost:5432\"", ""},
  };
  for (const auto& r : rows) {
    CAPTURE(r.url);
    const auto url = db::cli::parse_database_url(r.url);
    CHECK(db::cli::describe(url, "public") == r.shown);
    if (url.dialect == db::dialect::sqlite) CHECK(url.sqlite_path == r.target);
    else CHECK(url.conninfo == r.url);  // libpq reads the URL itself
  }
}

TEST_CASE("cli: a URL of another kind is refused without repeating it") {
  for (const std::string url : {"mysql://root:pw@db/app", "DATABASE", "https://user:pw@host/x", "postgresql:/x"}) {
    CAPTURE(url);
    try {
      db::cli::parse_database_url(url);
      FAIL("accepted");
    } catch (const db::cli::usage_error& e) {
      CHECK(std::string(e.what()).find("pw") == std::string::npos);
      CHECK(std::string(e.what()).rfind("a database URL starts with sqlite:, file:, postgresql:// or postgres://", 0) == 0);
    }
  }
}
