// Introspection reads columns, indexes and foreign keys from the CREATE texts
// in sqlite_schema, read as SQLite's parser reads them, and asks the pragmas
// only for what no text says or what its reader does not follow. Over many
// hand-written spellings, the schema it reads equals what SQLite's pragmas
// report for every table (the reading dbpush did before, kept here as the
// reference); the text's reading of each table equals the pragmas' rows field
// by field; and the tables left to the pragmas are exactly those the rules name.
#include "sqlite/fixture.hpp"
#include "sqlite/layout_reference.hpp"

#include <dbpush/sqlite/introspect.hpp>

#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace sqlite_test;

namespace {

namespace sd = db::sqlite::detail;

db::referential_action action_named(const std::string& text) {
  if (text == "CASCADE") return db::referential_action::cascade;
  if (text == "RESTRICT") return db::referential_action::restrict;
  if (text == "SET NULL") return db::referential_action::set_null;
  if (text == "SET DEFAULT") return db::referential_action::set_default;
  return db::referential_action::no_action;
}

bool same_name(const std::string& a, const std::string& b) { return sqlite3_stricmp(a.c_str(), b.c_str()) == 0; }

bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_name);
}

// Whether `reported` (its parent's columns as written) is the key `declared`.
bool same_declaration(const db::foreign_key& declared, const db::foreign_key& reported) {
  return same_names(declared.columns, reported.columns) && same_name(declared.referenced_table, reported.referenced_table) &&
         same_names(declared.referenced_columns, reported.referenced_columns) &&
         declared.on_delete == reported.on_delete && declared.on_update == reported.on_update;
}

std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

// The reference: every fact a pragma reports, read with one pragma call per
// table and per index (pragma_table_xinfo, pragma_index_list,
// pragma_index_info, pragma_foreign_key_list); only what no pragma reports
// (AUTOINCREMENT, enum CHECKs, constraint names) comes from the CREATE TABLE text.
db::schema pragma_reading(SQLite::Database& conn) {
  db::schema s;
  const std::vector<std::string> tables = sd::managed_tables(conn, {});
  for (const auto& name : tables) {
    db::table t;
    t.name = name;
    SQLite::Statement columns(conn, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) WHERE hidden = 0");
    columns.bind(1, name);
    while (columns.executeStep()) {
      db::column c{.name = columns.getColumn(0).getString(), .type = sd::canonical_type(text_or_empty(columns.getColumn(1))),
                   .nullable = columns.getColumn(2).getInt() == 0};
      if (!columns.getColumn(3).isNull()) c.default_sql = sd::canonical_default(columns.getColumn(3).getString());
      if (const auto pk = static_cast<std::size_t>(columns.getColumn(4).getInt()); pk > 0) {
        if (t.primary_key.size() < pk) t.primary_key.resize(pk);
        t.primary_key[pk - 1] = c.name;
      }
      t.columns.push_back(std::move(c));
    }
    SQLite::Statement text(conn, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
    text.bind(1, name);
    REQUIRE(text.executeStep());
    const auto declared = sd::parse_create_table(text.getColumn(0).getString());
    if (declared.autoincrement && t.primary_key.size() == 1)
      for (auto& c : t.columns) c.autoincrement = c.name == t.primary_key.front();
    for (const auto& check : declared.enum_checks) {
      for (auto& c : t.columns)
        if (same_name(c.name, check.column)) c.enum_type = check.type.name;
      if (!s.find_enum(check.type.name)) s.enums.push_back(check.type);
    }

    SQLite::Statement indexes(conn, "SELECT il.name, il.\"unique\", il.origin, il.partial, ii.name, "
                                    "(SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = il.name) "
                                    "FROM pragma_index_list(?) AS il JOIN pragma_index_info(il.name) AS ii");
    indexes.bind(1, name);
    std::string current;
    bool on_expression = false;
    auto finish = [&] {
      if (on_expression) t.indexes.pop_back();
      on_expression = false;
    };
    while (indexes.executeStep()) {
      if (indexes.getColumn(2).getString() == "pk") continue;
      if (indexes.getColumn(0).getString() != current) {
        finish();
        current = indexes.getColumn(0).getString();
        db::index i{.unique = indexes.getColumn(1).getInt() != 0, .from_constraint = indexes.getColumn(2).getString() == "u"};
        if (!i.from_constraint) i.name = current;
        if (!i.from_constraint && indexes.getColumn(3).getInt() != 0)
          i.where = sd::partial_index_predicate(indexes.getColumn(5).getString());
        t.indexes.push_back(std::move(i));
      }
      if (indexes.getColumn(4).isNull()) on_expression = true;
      else t.indexes.back().columns.push_back(indexes.getColumn(4).getString());
    }
    finish();

    SQLite::Statement keys(conn, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?)");
    keys.bind(1, name);
    int id = -1;
    while (keys.executeStep()) {
      if (keys.getColumn(0).getInt() != id) {
        id = keys.getColumn(0).getInt();
        t.foreign_keys.push_back({.referenced_table = keys.getColumn(1).getString(),
                                  .on_delete = action_named(keys.getColumn(5).getString()),
                                  .on_update = action_named(keys.getColumn(4).getString())});
      }
      t.foreign_keys.back().columns.push_back(keys.getColumn(2).getString());
      if (!keys.getColumn(3).isNull()) t.foreign_keys.back().referenced_columns.push_back(keys.getColumn(3).getString());
    }
    // Each key takes the name of the first declared key of the same definition.
    std::vector<bool> taken(declared.foreign_keys.size());
    for (auto& key : t.foreign_keys)
      for (std::size_t n = 0; n < declared.foreign_keys.size(); ++n)
        if (!taken[n] && same_declaration(declared.foreign_keys[n], key)) {
          taken[n] = true;
          key.name = declared.foreign_keys[n].name;
          break;
        }
    s.tables.push_back(std::move(t));
  }
  // Parents and their columns as the parent declares them.
  for (auto& t : s.tables)
    for (auto& key : t.foreign_keys) {
      const db::table* parent = nullptr;
      for (const auto& p : s.tables)
        if (same_name(p.name, key.referenced_table)) parent = &p;
      if (!parent) continue;
      key.referenced_table = parent->name;
      if (key.referenced_columns.empty()) key.referenced_columns = parent->primary_key;
      for (auto& c : key.referenced_columns)
        for (const auto& pc : parent->columns)
          if (same_name(pc.name, c)) c = pc.name;
    }
  db::normalise(s);
  return s;
}

// Statements a call runs on `conn`, without those SQLite runs inside the pragmas.
template <class F>
int statements_of(SQLite::Database& conn, F&& f) {
  int n = 0;
  sqlite3_trace_v2(
      conn.getHandle(), SQLITE_TRACE_STMT,
      [](unsigned, void* count, void*, void* sql) {
        if (!std::string_view(static_cast<const char*>(sql)).starts_with("--")) ++*static_cast<int*>(count);
        return 0;
      },
      &n);
  f();
  sqlite3_trace_v2(conn.getHandle(), 0, nullptr, nullptr);
  return n;
}

struct spelling {
  const char* what;
  const char* ddl;
};

// Hand-written DDL as other tools and people write it.
const spelling spellings[] = {
    {"quoted names of every kind", R"(CREATE TABLE "Us""ers" ([id] INTEGER PRIMARY KEY, `e mail` TEXT UNIQUE, 'nick' TEXT);
       CREATE INDEX "by nick" ON "Us""ers" ('nick' COLLATE NOCASE DESC);
       CREATE TABLE posts (id INTEGER PRIMARY KEY, author INTEGER REFERENCES "Us""ers" ([id]) ON DELETE CASCADE))"},
    {"mixed case, names spelled otherwise than declared", R"(CREATE TABLE Parent (Id INTEGER PRIMARY KEY, Code TEXT NOT NULL, UNIQUE (CODE));
       CREATE TABLE child (ID INTEGER PRIMARY KEY, parentID INTEGER, pcode TEXT,
         FOREIGN KEY (PARENTid) REFERENCES PARENT (ID) ON UPDATE CASCADE, FOREIGN KEY (PCODE) REFERENCES parent (code));
       CREATE UNIQUE INDEX Child_Code ON CHILD (PCODE, parentid))"},
    {"WITHOUT ROWID with a composite primary key", R"(CREATE TABLE kv (k TEXT, scope TEXT, v BLOB, PRIMARY KEY (scope, k)) WITHOUT ROWID;
       CREATE INDEX kv_v ON kv (v))"},
    {"STRICT tables", R"(CREATE TABLE s (id INTEGER PRIMARY KEY, n INT NOT NULL DEFAULT 0, t TEXT, a ANY) STRICT;
       CREATE INDEX s_nt ON s (n, t))"},
    {"generated columns and indexes on them", R"(CREATE TABLE g (id INTEGER PRIMARY KEY, a INT, b INT GENERATED ALWAYS AS (a * 2) STORED,
         c TEXT AS (upper(id)) VIRTUAL, d INT);
       CREATE INDEX g_b ON g (b); CREATE INDEX g_ad ON g (a, d); CREATE INDEX g_c ON g (c))"},
    {"CHECK constraints, enum CHECKs and named constraints", R"(CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT,
         role TEXT NOT NULL DEFAULT 'a' CONSTRAINT "dbpush_enum:Role" CHECK (role IN ('a', 'b')),
         n INT CHECK (n > 0 AND n < 10), CONSTRAINT positive CHECK (id > 0), CONSTRAINT u UNIQUE (n, role)))"},
    {"indexes on expressions and partial indexes", R"(CREATE TABLE e (id INTEGER PRIMARY KEY, a TEXT, b INT, "where" INT);
       CREATE INDEX e_lower ON e (lower(a)); CREATE INDEX e_mixed ON e (b, a || 'x');
       CREATE INDEX e_plus ON e (+b); CREATE INDEX e_paren ON e ((b));
       CREATE UNIQUE INDEX e_partial ON e (a) WHERE b > 0 AND "where" IS NOT NULL;
       CREATE INDEX e_where ON e ("where" DESC) WHERE (a = 'WHERE'))"},
    {"composite foreign keys and every action", R"(CREATE TABLE p (a INT, b INT, c INT UNIQUE, PRIMARY KEY (a, b));
       CREATE TABLE k (x INT, y INT, z INT,
         FOREIGN KEY (x, y) REFERENCES p ON DELETE SET NULL ON UPDATE SET DEFAULT,
         CONSTRAINT named FOREIGN KEY (y, x) REFERENCES p (b, a) ON DELETE RESTRICT ON UPDATE NO ACTION MATCH FULL,
         FOREIGN KEY (z) REFERENCES p (c) ON INSERT CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
         FOREIGN KEY (z) REFERENCES p (c) NOT DEFERRABLE,
         FOREIGN KEY (x) REFERENCES missing (q),
         FOREIGN KEY (x) REFERENCES p (c), FOREIGN KEY (x) REFERENCES p (c)))"},
    {"defaults of every kind", R"(CREATE TABLE d (id INTEGER PRIMARY KEY, a INT DEFAULT 1, b INT DEFAULT -1, c REAL DEFAULT +2.5e3,
         t TEXT DEFAULT 'it''s', n TEXT DEFAULT NULL, x BLOB DEFAULT x'00ff', ts DATETIME DEFAULT CURRENT_TIMESTAMP,
         e INT DEFAULT (1 + 2), f TEXT DEFAULT (lower('A')), g TEXT DEFAULT "dq", h BOOLEAN DEFAULT TRUE,
         i INT DEFAULT 0x10))"},
    {"collations", R"(CREATE TABLE co (id INTEGER PRIMARY KEY, a TEXT COLLATE NOCASE UNIQUE, b TEXT COLLATE RTRIM,
         UNIQUE (b COLLATE BINARY), UNIQUE (b));
       CREATE INDEX co_ab ON co (a COLLATE BINARY ASC, b COLLATE NOCASE))"},
    {"views and triggers beside the tables", R"(CREATE TABLE v (id INTEGER PRIMARY KEY, a TEXT);
       CREATE VIEW v_view AS SELECT a FROM v; CREATE TRIGGER v_trig AFTER INSERT ON v BEGIN UPDATE v SET a = 'x' WHERE id = NEW.id; END;
       CREATE INDEX v_a ON v (a))"},
    {"tables named like keywords", R"(CREATE TABLE "select" ("from" INTEGER PRIMARY KEY, "index" TEXT UNIQUE, "references" INT);
       CREATE TABLE "order" (id INTEGER PRIMARY KEY, "table" INT REFERENCES "select", "key" INT CONSTRAINT "foreign" REFERENCES "select" ("from"));
       CREATE INDEX "on" ON "select" ("references"); CREATE INDEX "unique" ON "order" ("key", "table"))"},
    {"non-ASCII names", R"(CREATE TABLE "Ünïcødé" ("ключ" INTEGER PRIMARY KEY, "名前" TEXT NOT NULL UNIQUE, "é" INT);
       CREATE TABLE "子" (id INTEGER PRIMARY KEY, "父" INT REFERENCES "Ünïcødé" ("ключ"));
       CREATE INDEX "索引" ON "Ünïcødé" ("é", "名前"))"},
    {"primary keys of every kind", R"(CREATE TABLE pk1 (a TEXT PRIMARY KEY, b INT UNIQUE);
       CREATE TABLE pk2 (a INT, b TEXT, PRIMARY KEY (b DESC, a), UNIQUE (a, b), UNIQUE (b, a));
       CREATE TABLE pk3 (a INTEGER PRIMARY KEY DESC, b INT, UNIQUE (b) ON CONFLICT REPLACE);
       CREATE TABLE pk4 (a INT PRIMARY KEY UNIQUE, b INT CONSTRAINT named_u UNIQUE))"},
    {"columns added, renamed and dropped after creation", R"(CREATE TABLE al (id INTEGER PRIMARY KEY, a TEXT);
       ALTER TABLE al ADD COLUMN b INT REFERENCES al (id) ON DELETE SET NULL;
       ALTER TABLE al ADD COLUMN "c d" TEXT DEFAULT 'x';
       ALTER TABLE al RENAME COLUMN a TO aa; CREATE INDEX al_aa ON al (aa, "c d");
       ALTER TABLE al RENAME TO al2)"},
    {"comments and odd spacing", R"(CREATE TABLE sp ( -- a comment
         id INTEGER /* inline */ PRIMARY KEY , a
         TEXT  NOT   NULL , b INT REFERENCES sp(id)--end
       );
       CREATE   UNIQUE  INDEX sp_a ON sp(  a  /* x */ ,b  ) WHERE a<>'' )"},
};



struct layout_case {
  const char* what;
  const char* ddl;
  bool read_from_text;  // for every table the DDL makes
};

// Every table reads from its text.
const layout_case read_cases[] = {
    {"quoted names of every kind", R"(CREATE TABLE "Us""ers" ([id] INTEGER PRIMARY KEY, `e mail` TEXT UNIQUE, 'nick' TEXT,
       "a]b" INT, [x"y] INT, `c``d` INT))", true},
    {"odd case, types with spaces and parentheses", R"(create TABLE MiXeD (Id InTeGeR primary KEY asc, Name VarChar ( 10 ) Not Null,
       Price DECIMAL(10, 2) default -1.5, Big unsigned big int, untyped, Spaced double   precision default ( 1 + 2 ),
       Signed NUMERIC(+5, -3), Tiny varchar(255), iNt INT, "Int 8" integer(8) UNIQUE))", true},
    {"comments and newlines inside", "CREATE TABLE c ( -- first\n a /* a */ INTEGER /* b */ NOT /* c */ NULL,\n"
                                     " b TEXT -- trailing\n DEFAULT 'x' /* after */, c VARCHAR /*mid*/ (20) UNIQUE,\n"
                                     " d /* no type */, e long /* x */ text -- y\n)", true},
    {"no type at all", "CREATE TABLE n (x)", true},
    {"defaults of every kind", R"(CREATE TABLE d (id INTEGER PRIMARY KEY, a INT DEFAULT 1, b INT DEFAULT - /*c*/ 1, c REAL DEFAULT +2.5e3,
       t TEXT DEFAULT 'it''s', n TEXT DEFAULT NULL, x BLOB DEFAULT x'00ff', ts DATETIME DEFAULT CURRENT_TIMESTAMP,
       td DATE DEFAULT current_date, tt TIME DEFAULT Current_Time, e INT DEFAULT ( 1 + 2 ), f TEXT DEFAULT (lower('A')),
       g TEXT DEFAULT "dq", h BOOLEAN DEFAULT TRUE, i INT DEFAULT 0x10, j DEFAULT (  /* c */ lower('A') ) ,
       k default ((1)), l default -'x', m default .5, o default `bt`, p default false, q default [br],
       r INT DEFAULT(0)NOT NULL, s REAL DEFAULT 1e-3, u DEFAULT -x'01', v TEXT DEFAULT (')' || '('), w DEFAULT -NULL,
       y DEFAULT +CURRENT_TIME, z DEFAULT - 'x', aa INT(-5), ab DOUBLE PRECISION(10,+2), ac DEFAULT 1., ad DEFAULT 0X1F))", true},
    {"NULL and NOT NULL with ON CONFLICT, named constraints", R"(CREATE TABLE nn (a INT NOT NULL ON CONFLICT REPLACE,
       b INT NULL, c INT NULL ON CONFLICT IGNORE, d TEXT CONSTRAINT nn NOT NULL CONSTRAINT df DEFAULT 'q',
       e INT CONSTRAINT "named pk" PRIMARY KEY ON CONFLICT ABORT, f INT UNIQUE ON CONFLICT FAIL NOT NULL ON CONFLICT ROLLBACK))", true},
    {"INTEGER PRIMARY KEY AUTOINCREMENT", "CREATE TABLE ai (id integer not null primary key autoincrement, name text)", true},
    {"INTEGER PRIMARY KEY DESC makes an index", "CREATE TABLE pd (a INTEGER PRIMARY KEY DESC, b INT)", true},
    {"INTEGER PRIMARY KEY ASC is the rowid", "CREATE TABLE pa (a Integer PRIMARY KEY ASC, b INT)", true},
    {"other types of a single-column primary key make an index", R"(CREATE TABLE p1 (a INT PRIMARY KEY, b INT);
       CREATE TABLE p2 (a TEXT PRIMARY KEY ON CONFLICT ROLLBACK, b INT); CREATE TABLE p3 (a INTEGER(8) PRIMARY KEY);
       CREATE TABLE p4 (a BIGINT PRIMARY KEY); CREATE TABLE p5 (a PRIMARY KEY); CREATE TABLE p6 (a INTEGER KEY PRIMARY KEY))", true},
    {"table PRIMARY KEY lists", R"(CREATE TABLE t1 (a INT, b TEXT, PRIMARY KEY (b DESC, a));
       CREATE TABLE t2 (a INTEGER, b, PRIMARY KEY (a));
       CREATE TABLE t3 (a INTEGER, b, PRIMARY KEY (a DESC));
       CREATE TABLE t4 (a INTEGER, b, PRIMARY KEY ("A" AUTOINCREMENT));
       CREATE TABLE t5 (a INTEGER, b INTEGER, PRIMARY KEY (a, b) ON CONFLICT REPLACE);
       CREATE TABLE t6 (a TEXT, b TEXT, c TEXT, CONSTRAINT pk PRIMARY KEY ('c', b, A)))", true},
    {"UNIQUE duplicating the primary key or another UNIQUE", R"(CREATE TABLE u (a int unique, b int unique primary key,
       c int unique, d integer unique, unique(c) on conflict replace, unique(a,b), unique(b,a), unique(B desc, a), UNIQUE (d));
       CREATE TABLE u2 (a INT PRIMARY KEY UNIQUE, b INT CONSTRAINT named_u UNIQUE, UNIQUE (b), UNIQUE (a, b), UNIQUE (A DESC, B ASC));
       CREATE TABLE u3 (a INT, b INT, UNIQUE (a, b), PRIMARY KEY (a, b));
       CREATE TABLE u4 (a INT, b INT, UNIQUE (b, a), PRIMARY KEY (a, b), UNIQUE (a, b));
       CREATE TABLE u5 (a INT, b INT, PRIMARY KEY (a, b), UNIQUE (b, a), UNIQUE (a, b)))", true},
    {"INTEGER PRIMARY KEY with UNIQUE on it", R"(CREATE TABLE i1 (a INTEGER PRIMARY KEY UNIQUE, b INT);
       CREATE TABLE i2 (a INTEGER UNIQUE PRIMARY KEY, b INT);
       CREATE TABLE i3 (a INTEGER UNIQUE, b, PRIMARY KEY (a));
       CREATE TABLE i4 (a INTEGER, b, PRIMARY KEY (a), UNIQUE (a));
       CREATE TABLE i5 (a INTEGER PRIMARY KEY DESC UNIQUE))", true},
    {"CHECKs, REFERENCES and constraints without commas", R"(CREATE TABLE p (id INTEGER PRIMARY KEY, x INT, y INT, UNIQUE (x, y));
       CREATE TABLE r (a INT CHECK (a > 0) REFERENCES p (id) ON DELETE SET NULL ON UPDATE SET DEFAULT NOT DEFERRABLE,
         b INT CONSTRAINT fk REFERENCES p MATCH FULL DEFERRABLE INITIALLY DEFERRED NOT NULL DEFAULT 3,
         c INT REFERENCES p (id) ON DELETE NO ACTION UNIQUE, d INT DEFERRABLE INITIALLY IMMEDIATE,
         CHECK (a <> b) ON CONFLICT FAIL, FOREIGN KEY (a, b) REFERENCES p (x, y) ON DELETE CASCADE
         CONSTRAINT u UNIQUE (a) CONSTRAINT c2 CHECK (b > 0) UNIQUE (b, c)
         FOREIGN KEY (c) REFERENCES p))", true},
    {"collations of columns", R"(CREATE TABLE co (a TEXT COLLATE NOCASE UNIQUE, b TEXT UNIQUE COLLATE RTRIM,
       c TEXT COLLATE nocase PRIMARY KEY, UNIQUE (a), UNIQUE (b), UNIQUE (c), UNIQUE (a, b)))", true},
    {"keywords as names and in types", R"(CREATE TABLE "select" ("from" INTEGER PRIMARY KEY, [index] TEXT UNIQUE, key int key,
       replace text, left INTEGER, "order" current_time, abort REPLACE CASCADE, ROWID TEXT))", true},
    {"an enum CHECK as dbpush writes it", R"(CREATE TABLE en (id INTEGER PRIMARY KEY AUTOINCREMENT,
       role TEXT NOT NULL DEFAULT 'a' CONSTRAINT "dbpush_enum:Role" CHECK (role IN ('a', 'b'))))", true},
    {"non-ASCII names", R"(CREATE TABLE "Ünïcødé" ("ключ" INTEGER PRIMARY KEY, "名前" TEXT NOT NULL UNIQUE, é INT, UNIQUE ("é", "名前")))",
     true},
    {"columns added, renamed and dropped after creation", R"(CREATE TABLE al (id INTEGER PRIMARY KEY, a TEXT UNIQUE, UNIQUE (id, a), CHECK (id > 0));
       ALTER TABLE al ADD COLUMN b VARCHAR ( 5 ) NOT NULL DEFAULT 'x';
       ALTER TABLE al ADD COLUMN "c d" INT REFERENCES al;
       ALTER TABLE al ADD e;
       ALTER TABLE al RENAME COLUMN a TO "A a";
       ALTER TABLE al RENAME COLUMN id TO [new id];
       ALTER TABLE al RENAME TO "al 2";
       ALTER TABLE "al 2" ADD COLUMN f /* c */ TEXT DEFAULT (1) /* x */;
       ALTER TABLE "al 2" DROP COLUMN e
       )", true},
    {"IF NOT EXISTS and a schema name", "CREATE TABLE IF NOT EXISTS main.ie (a, b INT UNIQUE)", true},
};

// Every table is left to the pragmas.
const layout_case pragma_cases[] = {
    {"WITHOUT ROWID", "CREATE TABLE wr (k TEXT, v BLOB, PRIMARY KEY (k)) WITHOUT ROWID", false},
    {"STRICT", "CREATE TABLE st (id INTEGER PRIMARY KEY, n INT NOT NULL) STRICT", false},
    {"a generated column", "CREATE TABLE g1 (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED)", false},
    {"a generated column without GENERATED ALWAYS", "CREATE TABLE g2 (a INT, c TEXT AS (upper(a)) VIRTUAL)", false},
    {"a quoted type", R"(CREATE TABLE q1 (a "INTEGER" PRIMARY KEY, b 'text'))", false},
    {"a quoted word in a type", R"(CREATE TABLE q2 (a unsigned "big" int))", false},
    {"a type ending in ALWAYS, which SQLite cuts", "CREATE TABLE al1 (a character always)", false},
    {"COLLATE in a key list", "CREATE TABLE ck (a TEXT, UNIQUE (a COLLATE NOCASE))", false},
    {"a column twice in a key list", "CREATE TABLE dk (a INT, b INT, UNIQUE (a, a))", false},
};

// The CREATE TABLE text of each managed table.
std::vector<std::pair<std::string, std::string>> table_texts(SQLite::Database& conn) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& name : sd::managed_tables(conn, {})) {
    SQLite::Statement q(conn, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
    q.bind(1, name);
    REQUIRE(q.executeStep());
    out.emplace_back(name, q.getColumn(0).getString());
  }
  return out;
}

// Compares the columns read from the text with pragma_table_xinfo's rows.
void check_columns(SQLite::Database& conn, const std::string& table, const std::vector<sd::xinfo_column>& read) {
  const auto reported = layout_reference::reported_columns(conn, table);
  REQUIRE(read.size() == reported.size());
  for (std::size_t n = 0; n < read.size(); ++n) {
    const auto& r = reported[n];
    CAPTURE(r.name);
    CHECK(read[n].name == r.name);
    CHECK(layout_reference::same_type(read[n].type, r.type));
    CHECK(read[n].not_null == r.not_null);
    CHECK(read[n].default_sql == r.default_sql);
    CHECK(read[n].primary_key_position == r.primary_key_position);
  }
}

// Compares the constraint indexes read from the text with what
// pragma_index_list and pragma_index_info report for sqlite_autoindex_<table>_<n>.
void check_constraint_indexes(SQLite::Database& conn, const std::string& table,
                              const std::vector<sd::constraint_index>& read) {
  const auto reported = layout_reference::reported_constraint_indexes(conn, table);
  REQUIRE(reported);
  REQUIRE(read.size() == reported->size());
  for (std::size_t n = 0; n < read.size(); ++n) {
    CAPTURE(n);
    CHECK(read[n].primary_key == (*reported)[n].primary_key);
    CHECK(read[n].columns == (*reported)[n].columns);
  }
}

}  // namespace

TEST_CASE("sqlite introspection from the CREATE texts reads what the pragmas report, for every spelling") {
  for (const auto& s : spellings) {
    const std::string what = s.what;
    CAPTURE(what);
    temp_db t;
    t.conn.exec(s.ddl);
    CHECK(db::to_string(db::introspect(t.conn)) == db::to_string(pragma_reading(t.conn)));
  }
  // All of them in one database, as a foreign database holds many tables.
  temp_db all;
  for (const auto& s : spellings) all.conn.exec(s.ddl);
  const auto read = db::introspect(all.conn);
  CHECK(read.tables.size() == 24);
  CHECK(db::to_string(read) == db::to_string(pragma_reading(all.conn)));
}

TEST_CASE("sqlite introspection asks the pragmas only for what its readers cannot read") {
  temp_db t;
  t.conn.exec("CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT, y INT REFERENCES a)");
  t.conn.exec("CREATE INDEX a_x ON a (x)");
  // Columns and the indexes made by constraints are read from the table's text.
  t.conn.exec("CREATE TABLE b (id INT PRIMARY KEY, u TEXT UNIQUE, v INT, w INT, UNIQUE (v, w), UNIQUE (w, v))");
  // sqlite_schema alone, inside SAVEPOINT ... RELEASE.
  CHECK(statements_of(t.conn, [&] { db::introspect(t.conn); }) == 1 + 2);
  const auto plain = sd::read_introspection(t.conn, {});
  CHECK(plain.tables_read_by_pragma.empty());
  CHECK(plain.indexes_read_by_pragma.empty());
  CHECK(db::to_string(plain.read) == db::to_string(pragma_reading(t.conn)));
  struct needs_sqlite {
    const char* ddl;
    int statements;
    std::vector<std::string> tables, indexes;  // read by the pragmas
  };
  const needs_sqlite cases[] = {
      {"CREATE INDEX a_expr ON a (lower(x))", 2, {}, {"a_expr"}},  // a key on an expression
      {"CREATE TABLE g (a INT, b INT AS (a + 1)); CREATE INDEX g_b ON g (b)", 3, {"g"}, {"g_b"}},  // a generated column
      {"CREATE TABLE g (a INT, b INT AS (a + 1)); CREATE INDEX g_a ON g (a)", 2, {"g"}, {}},
      // The primary key of a WITHOUT ROWID table is the table: no row for its index.
      {"CREATE TABLE c (k TEXT PRIMARY KEY, u INT UNIQUE) WITHOUT ROWID", 3, {"c"}, {"sqlite_autoindex_c_2"}},
      {"CREATE TABLE c (k TEXT, UNIQUE (k COLLATE NOCASE))", 3, {"c"}, {"sqlite_autoindex_c_1"}},
      {"CREATE TABLE c (k TEXT) STRICT", 2, {"c"}, {}},
  };
  for (const auto& c : cases) {
    const std::string ddl = c.ddl;
    CAPTURE(ddl);
    temp_db u;
    u.conn.exec("CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT, y INT REFERENCES a)");
    u.conn.exec(c.ddl);
    CHECK(statements_of(u.conn, [&] { db::introspect(u.conn); }) == c.statements + 2);
    const auto read = sd::read_introspection(u.conn, {});
    CHECK(read.tables_read_by_pragma == c.tables);
    CHECK(read.indexes_read_by_pragma == c.indexes);
    CHECK(db::to_string(read.read) == db::to_string(pragma_reading(u.conn)));
  }
}

TEST_CASE("sqlite CREATE INDEX reader returns the keys only when each is a plain name") {
  const auto plain = db::sqlite::detail::parse_create_index(
      R"(CREATE UNIQUE INDEX "i" ON "t" ("a" COLLATE NOCASE DESC, [b], 'c' ASC) WHERE a > 0)");
  REQUIRE(plain);
  CHECK(plain->unique);
  CHECK(plain->columns == std::vector<std::string>{"a", "b", "c"});
  CHECK(plain->where == "a > 0");
  CHECK_FALSE(db::sqlite::detail::parse_create_index("CREATE INDEX i ON t (a) ")->unique);
  for (const char* unread : {"CREATE INDEX i ON t (lower(a))", "CREATE INDEX i ON t (a + 1)", "CREATE INDEX i ON t ((a))",
                             "CREATE INDEX i ON t (t.a)", "CREATE INDEX i ON t (a, NULL)", "CREATE INDEX i ON t (+a)",
                             "CREATE INDEX i ON t (CURRENT_TIME)", "CREATE INDEX i ON t (a",
                             // F5 (fuzzing): a key list that ends before its first key
                             "CREATE INDEX i ON t (", "CREATE INDEX i ON t ( -- a)", "CREATE INDEX i ON t (/* a */"}) {
    const std::string text = unread;
    CAPTURE(text);
    CHECK_FALSE(db::sqlite::detail::parse_create_index(unread));
  }
}

TEST_CASE("sqlite CREATE TABLE reader derives columns and constraint indexes as the pragmas report them") {
  auto check_case = [](const layout_case& c) {
    const std::string what = c.what;
    CAPTURE(what);
    temp_db t;
    t.conn.exec(c.ddl);
    const auto texts = table_texts(t.conn);
    REQUIRE_FALSE(texts.empty());
    for (const auto& [table, sql] : texts) {
      CAPTURE(sql);
      const auto read = sd::parse_create_table(sql);
      CHECK(read.layout.has_value() == c.read_from_text);
      if (read.layout) {
        check_columns(t.conn, table, read.layout->columns);
        check_constraint_indexes(t.conn, table, read.layout->constraint_indexes);
      }
    }
  };
  for (const auto& c : read_cases) check_case(c);
  for (const auto& c : pragma_cases) check_case(c);
}

TEST_CASE("sqlite introspection reads what the pragmas report for every layout spelling") {
  temp_db all;
  std::size_t tables = 0, pragma_tables = 0;
  auto check_case = [&](const layout_case& c) {
    const std::string what = c.what;
    CAPTURE(what);
    temp_db t;
    t.conn.exec(c.ddl);
    const auto read = sd::read_introspection(t.conn, {});
    CHECK(db::to_string(read.read) == db::to_string(pragma_reading(t.conn)));
    // The pragmas read exactly the tables the reader does not follow, and
    // the indexes of these tables that their constraints make.
    const auto names = sd::managed_tables(t.conn, {});
    CHECK(read.tables_read_by_pragma == (c.read_from_text ? std::vector<std::string>{} : names));
    if (c.read_from_text) CHECK(read.indexes_read_by_pragma.empty());
    for (const auto& index : read.indexes_read_by_pragma) CHECK(index.starts_with("sqlite_autoindex_"));
    all.conn.exec(c.ddl);
    tables += names.size();
    pragma_tables += c.read_from_text ? 0 : names.size();
  };
  for (const auto& c : read_cases) check_case(c);
  for (const auto& c : pragma_cases) check_case(c);
  const auto read = sd::read_introspection(all.conn, {});
  CHECK(db::to_string(read.read) == db::to_string(pragma_reading(all.conn)));
  CHECK(read.read.tables.size() == tables);
  CHECK(read.tables_read_by_pragma.size() == pragma_tables);
}

TEST_CASE("sqlite CREATE TABLE reader reads every foreign key, named only by a CONSTRAINT clause right before it") {
  struct named_keys {
    const char* ddl;
    std::vector<std::string> names;  // of the keys, in the text's order
  };
  const named_keys cases[] = {
      {"CREATE TABLE t (a INT CONSTRAINT fk REFERENCES p)", {"fk"}},
      {"CREATE TABLE t (a INT, CONSTRAINT fk FOREIGN KEY (a) REFERENCES p)", {"fk"}},
      {"CREATE TABLE t (a INT CONSTRAINT fk REFERENCES p CONSTRAINT n NOT NULL, b INT REFERENCES p)", {"fk", ""}},
      {"CREATE TABLE t (a INT, CONSTRAINT x, FOREIGN KEY (a) REFERENCES p)", {""}},
      {"CREATE TABLE t (a INT CONSTRAINT n NOT NULL REFERENCES p)", {""}},
      // A name before a CHECK, a COLLATE or a DEFERRABLE clause is theirs.
      {"CREATE TABLE t (a INT CONSTRAINT positive CHECK (a > 0) REFERENCES p)", {""}},
      {"CREATE TABLE t (a INT, CONSTRAINT positive CHECK (a > 0) FOREIGN KEY (a) REFERENCES p)", {""}},
      {"CREATE TABLE t (a INT CONSTRAINT c COLLATE nocase REFERENCES p)", {""}},
      {"CREATE TABLE t (a INT CONSTRAINT d DEFERRABLE INITIALLY DEFERRED REFERENCES p)", {""}},
      // A column's name may be empty, and its REFERENCES is still a key.
      {R"(CREATE TABLE t ("" INT REFERENCES p, b INT CONSTRAINT fk REFERENCES p))", {"", "fk"}},
  };
  for (const auto& c : cases) {
    const std::string ddl = c.ddl;
    CAPTURE(ddl);
    temp_db t;
    t.conn.exec(c.ddl);
    const auto texts = table_texts(t.conn);
    REQUIRE(texts.size() == 1);
    const auto read = sd::parse_create_table(texts.front().second);
    std::vector<std::string> names;
    for (const auto& key : read.foreign_keys) names.push_back(key.name);
    CHECK(names == c.names);
    CHECK(read.foreign_keys_complete);
    SQLite::Statement keys(t.conn, "SELECT count(DISTINCT id) FROM pragma_foreign_key_list('t')");
    REQUIRE(keys.executeStep());
    CHECK(read.foreign_keys.size() == static_cast<std::size_t>(keys.getColumn(0).getInt()));
  }
}
