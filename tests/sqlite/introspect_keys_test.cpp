// Introspection of a primary key declared in another order than its columns,
// and of indexes on expressions, which dbpush cannot model and leaves out.
#include "sqlite/fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sqlite_test;

TEST_CASE("sqlite introspection keeps the primary key's order and leaves out indexes on expressions") {
  temp_db t;
  t.conn.exec("CREATE TABLE pair (a INT, b INT, c TEXT NOT NULL, PRIMARY KEY (c, a))");
  t.conn.exec("CREATE INDEX pair_lower ON pair (lower(c))");
  t.conn.exec("CREATE INDEX pair_mixed ON pair (a, lower(c), b)");
  t.conn.exec("CREATE INDEX pair_b ON pair (b)");
  t.conn.exec("CREATE TABLE other (x INTEGER PRIMARY KEY, y TEXT)");
  t.conn.exec("CREATE UNIQUE INDEX other_expr ON other (y || 'x')");
  t.conn.exec("CREATE INDEX other_y ON other (y, x)");

  const auto s = db::introspect(t.conn, db::push_options{});
  const auto* pair = s.find_table("pair");
  REQUIRE(pair);
  CHECK(pair->primary_key == std::vector<std::string>{"c", "a"});
  REQUIRE(pair->indexes.size() == 1);
  CHECK(pair->indexes[0].name == "pair_b");
  CHECK(pair->indexes[0].columns == std::vector<std::string>{"b"});
  const auto* other = s.find_table("other");
  REQUIRE(other);
  CHECK(other->primary_key == std::vector<std::string>{"x"});
  REQUIRE(other->indexes.size() == 1);
  CHECK(other->indexes[0].name == "other_y");
  CHECK(other->indexes[0].columns == std::vector<std::string>{"y", "x"});
}

namespace {

// "name (columns) -> parent (columns) delete/update" per foreign key, in the
// order introspection gives them (by name).
std::vector<std::string> foreign_keys_of(const db::table& t) {
  std::vector<std::string> out;
  for (const auto& fk : t.foreign_keys) {
    std::string line = fk.name + " (";
    for (const auto& c : fk.columns) line += c + " ";
    line += ") -> " + fk.referenced_table + " (";
    for (const auto& c : fk.referenced_columns) line += c + " ";
    out.push_back(line + ") " + db::to_string(fk.on_delete) + "/" + db::to_string(fk.on_update));
  }
  return out;
}

}  // namespace

TEST_CASE("sqlite introspection names each foreign key as its CREATE TABLE text does, however many share columns and parent") {
  struct spelling {
    std::string name;
    std::string child;  // columns and constraints of CREATE TABLE c
    std::vector<std::string> read;
  };
  const std::vector<spelling> spellings{
      {"two named keys that differ in their actions",
       "x TEXT, CONSTRAINT a_key FOREIGN KEY (x) REFERENCES p (id) ON DELETE RESTRICT, "
       "CONSTRAINT b_key FOREIGN KEY (x) REFERENCES p (id) ON DELETE SET DEFAULT",
       {"a_key (x ) -> p (id ) RESTRICT/NO ACTION", "b_key (x ) -> p (id ) SET DEFAULT/NO ACTION"}},
      {"the same, declared in the other order",
       "x TEXT, CONSTRAINT b_key FOREIGN KEY (x) REFERENCES p (id) ON DELETE SET DEFAULT, "
       "CONSTRAINT a_key FOREIGN KEY (x) REFERENCES p (id) ON DELETE RESTRICT",
       {"a_key (x ) -> p (id ) RESTRICT/NO ACTION", "b_key (x ) -> p (id ) SET DEFAULT/NO ACTION"}},
      {"a named key and an unnamed one",
       "x TEXT, FOREIGN KEY (x) REFERENCES p (id), CONSTRAINT tag FOREIGN KEY (x) REFERENCES p (id) ON UPDATE CASCADE",
       {"c_x_fkey (x ) -> p (id ) NO ACTION/NO ACTION", "tag (x ) -> p (id ) NO ACTION/CASCADE"}},
      {"to the primary key and to a unique column",
       "x TEXT, CONSTRAINT by_code FOREIGN KEY (x) REFERENCES p (code), CONSTRAINT by_id FOREIGN KEY (x) REFERENCES p (id)",
       {"by_code (x ) -> p (code ) NO ACTION/NO ACTION", "by_id (x ) -> p (id ) NO ACTION/NO ACTION"}},
      {"a column's own named REFERENCES beside a table's key",
       "x TEXT CONSTRAINT inline_ref REFERENCES p (id) ON DELETE CASCADE, "
       "CONSTRAINT outer_ref FOREIGN KEY (x) REFERENCES p (id)",
       {"inline_ref (x ) -> p (id ) CASCADE/NO ACTION", "outer_ref (x ) -> p (id ) NO ACTION/NO ACTION"}},
      {"a column's REFERENCES to the parent's key, named after other named constraints",
       "x TEXT CONSTRAINT must NOT NULL CONSTRAINT to_p REFERENCES p, y TEXT CONSTRAINT y_ref REFERENCES p (id)",
       {"to_p (x ) -> p (id ) NO ACTION/NO ACTION", "y_ref (y ) -> p (id ) NO ACTION/NO ACTION"}},
      {"lower case, MATCH and DEFERRABLE clauses",
       "x text, constraint \"one key\" foreign key (x) references p (id) match simple on update set null "
       "on delete no action deferrable initially deferred, constraint two foreign key (x) references p (id) "
       "on delete cascade not deferrable",
       {"one key (x ) -> p (id ) NO ACTION/SET NULL", "two (x ) -> p (id ) CASCADE/NO ACTION"}},
      {"three keys alike in everything",
       "x TEXT, CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p (id), CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p (id), "
       "CONSTRAINT k3 FOREIGN KEY (x) REFERENCES p (id)",
       {"k1 (x ) -> p (id ) NO ACTION/NO ACTION", "k2 (x ) -> p (id ) NO ACTION/NO ACTION",
        "k3 (x ) -> p (id ) NO ACTION/NO ACTION"}},
      {"composite keys that differ in the parent's columns",
       "x TEXT, y TEXT, CONSTRAINT xy FOREIGN KEY (x, y) REFERENCES p (id, code), "
       "CONSTRAINT yx FOREIGN KEY (x, y) REFERENCES p (code, id)",
       {"xy (x y ) -> p (id code ) NO ACTION/NO ACTION", "yx (x y ) -> p (code id ) NO ACTION/NO ACTION"}},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    temp_db t;
    t.conn.exec("CREATE TABLE p (id TEXT PRIMARY KEY, code TEXT UNIQUE, UNIQUE (id, code), UNIQUE (code, id))");
    t.conn.exec("CREATE TABLE c (" + s.child + ")");
    const auto live = db::introspect(t.conn, db::push_options{});
    REQUIRE(live.find_table("c"));
    CHECK(foreign_keys_of(*live.find_table("c")) == s.read);
  }
}
