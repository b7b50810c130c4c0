// Random schemas: the differ is idempotent on equal inputs, names only objects
// that exist on the side each step reads, the checker copes with every diff,
// and the differ scales to large schemas.
#include "check_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <set>

using namespace core_test;

namespace {

class schema_generator {
 public:
  explicit schema_generator(unsigned seed) : rng_(seed) {}

  db::schema make(int max_tables) {
    db::schema s;
    s.enums = {enm("E0", pick_values()), enm("E1", pick_values())};
    const int n = between(0, max_tables);
    for (int i = 0; i < n; ++i) {
      auto t = id_table("t" + std::to_string(between(0, max_tables * 2)));
      if (s.find_table(t.name)) continue;
      const int columns = between(0, 5);
      for (int c = 0; c < columns; ++c) {
        auto column = col("c" + std::to_string(c), between(0, 1) ? "INTEGER" : "TEXT", between(0, 1) == 1);
        if (between(0, 3) == 0) column.default_sql = "0";
        if (between(0, 5) == 0) column.enum_type = "E" + std::to_string(between(0, 1));
        t.columns.push_back(column);
      }
      if (t.columns.size() > 1 && between(0, 2) == 0) t.indexes.push_back(idx({t.columns[1].name}, between(0, 1) == 1));
      if (t.columns.size() > 1 && !s.tables.empty() && between(0, 1) == 0)
        t.foreign_keys.push_back(fk({t.columns[1].name}, s.tables[std::size_t(between(0, int(s.tables.size()) - 1))].name));
      s.tables.push_back(std::move(t));
    }
    return s;
  }

  // Some target tables and columns claim to be renamed from live ones.
  void add_hints(db::schema& target, const db::schema& live) {
    if (live.tables.empty()) return;
    for (auto& t : target.tables) {
      if (between(0, 3) == 0) t.renamed_from = live.tables[std::size_t(between(0, int(live.tables.size()) - 1))].name;
      for (auto& c : t.columns)
        if (between(0, 5) == 0) c.renamed_from = "c" + std::to_string(between(0, 5));
    }
  }

 private:
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  names pick_values() {
    names all{"a", "b", "c", "d"}, out;
    for (const auto& v : all)
      if (between(0, 2) > 0) out.push_back(v);
    if (between(0, 1) == 0 && out.size() > 1) std::swap(out.front(), out.back());
    return out;
  }
  std::mt19937 rng_;
};

// `s` with some names spelt in upper case or capitalised, every reference to
// them following: the same schema to a database that ignores ASCII case.
db::schema respelt(db::schema s, unsigned seed) {
  std::mt19937 rng(seed);
  auto respell = [&rng](const std::string& name) {
    std::string out = name;
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
      case 0: return out;
      case 1:
        for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return out;
      default:
        if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
        return out;
    }
  };
  auto respell_all = [](std::vector<std::string>& names, const std::map<std::string, std::string>& spelling) {
    for (auto& n : names) n = spelling.at(n);
  };
  std::map<std::string, std::string> table_spelling;
  std::map<std::string, std::map<std::string, std::string>> column_spelling;
  for (const auto& t : s.tables) {
    table_spelling[t.name] = respell(t.name);
    for (const auto& c : t.columns) column_spelling[t.name][c.name] = respell(c.name);
  }
  for (auto& t : s.tables) {
    const auto& columns = column_spelling[t.name];
    for (auto& c : t.columns) c.name = columns.at(c.name);
    respell_all(t.primary_key, columns);
    for (auto& i : t.indexes) {
      i.name = respell(i.name);
      respell_all(i.columns, columns);
    }
    for (auto& fk : t.foreign_keys) {
      fk.name = respell(fk.name);
      respell_all(fk.columns, columns);
      if (const auto parent = column_spelling.find(fk.referenced_table); parent != column_spelling.end())
        respell_all(fk.referenced_columns, parent->second);
      fk.referenced_table = table_spelling.at(fk.referenced_table);
    }
    t.name = table_spelling.at(t.name);
  }
  return s;
}

// Every step must name what it acts on, on the side it acts on.
void check_references(const db::diff_result& d) {
  std::set<std::string> created, renamed_tables;
  for (const auto& s : d.steps) {
    CAPTURE(s.describe());
    const db::table* live = d.from.find_table(s.table);
    const db::table* target = d.to.find_table(s.table);
    switch (s.kind) {
      case db::step_kind::create_enum: CHECK(d.to.find_enum(s.object)); break;
      case db::step_kind::alter_enum: CHECK((d.to.find_enum(s.object) && d.from.find_enum(s.object))); break;
      case db::step_kind::drop_enum: CHECK(d.from.find_enum(s.object)); break;
      case db::step_kind::create_table: CHECK((target && !live)); break;
      case db::step_kind::drop_table: CHECK((live && !target)); break;
      case db::step_kind::rename_table: CHECK((target && d.from.find_table(s.old_name))); break;
      case db::step_kind::drop_index: REQUIRE(live); CHECK(live->find_index(s.object)); break;
      case db::step_kind::drop_foreign_key: REQUIRE(live); CHECK(live->find_foreign_key(s.object)); break;
      case db::step_kind::create_index: REQUIRE(target); CHECK(target->find_index(s.object)); break;
      case db::step_kind::add_foreign_key: REQUIRE(target); CHECK(target->find_foreign_key(s.object)); break;
      case db::step_kind::alter_primary_key: CHECK(target); break;
      case db::step_kind::add_column:
      case db::step_kind::alter_column:
        REQUIRE(target);
        CHECK(target->find_column(s.object));
        break;
      case db::step_kind::rename_column: REQUIRE(target); CHECK(target->find_column(s.object)); break;
      case db::step_kind::drop_column: CHECK(target); break;
      case db::step_kind::rename_index:
        REQUIRE(target);
        CHECK(target->find_index(s.object));
        break;
      case db::step_kind::rename_foreign_key:
        REQUIRE(target);
        CHECK(target->find_foreign_key(s.object));
        break;
    }
  }
}

}  // namespace

TEST_CASE("random schemas: diff(a, a) is empty and diff(a, b) names only existing objects") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    schema_generator gen(seed);
    auto a = gen.make(8);
    auto b = gen.make(8);
    gen.add_hints(b, a);
    CHECK(db::diff(a, a).empty());
    CHECK(db::diff(b, b).empty());
    check_references(db::diff(a, b));
    check_references(db::diff(b, a));
    // Applying the steps is the dialects' job; the target never differs from itself.
    auto d = db::diff(a, b);
    CHECK(db::diff(d.to, d.to).empty());
    // The checker can ask about and judge every such diff.
    auto probes = db::probes_for(d, test_rules());
    for (auto& p : probes) p.count = 1;
    for (const auto& f : db::assess(d, probes, test_rules())) CHECK(f.step_index < d.steps.size());
  }
}

TEST_CASE("random schemas spelt in another case differ only by renames where the database ignores case") {
  const db::diff_options ignoring_case{{}, db::identifier_case::ascii_insensitive};
  for (unsigned seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    schema_generator gen(seed);
    auto a = gen.make(8);
    db::normalise(a);
    auto b = respelt(a, seed);
    for (const auto& [from, to] : {std::pair(&a, &b), std::pair(&b, &a)}) {
      const auto d = db::diff(*from, *to, ignoring_case);
      check_references(d);
      for (const auto& s : d.steps) {
        CAPTURE(s.describe());
        const bool rename = s.kind == db::step_kind::rename_table || s.kind == db::step_kind::rename_column ||
                            s.kind == db::step_kind::rename_index || s.kind == db::step_kind::rename_foreign_key;
        CHECK(rename);
      }
      CHECK(db::diff(*to, *to, ignoring_case).empty());
    }
  }
}

TEST_CASE("diff and probes of two 1000-table schemas complete") {
  auto make = [](bool variant) {
    db::schema s;
    for (int i = 0; i < 1000; ++i) {
      auto t = with(id_table("table_" + std::to_string(i), {col("a"), nullable("b"), col("c", variant && i % 10 == 0 ? "BIGINT" : "INTEGER")}),
                    {idx({"a"}, true), idx({"b"})});
      if (i > 0) t.foreign_keys.push_back(fk({"c"}, "table_" + std::to_string(i / 2)));
      s.tables.push_back(std::move(t));
    }
    return s;
  };
  auto live = make(false);
  auto target = make(true);
  CHECK(db::diff(live, live).empty());
  auto d = db::diff(live, target);
  std::size_t alters = 0;
  for (const auto& s : d.steps) alters += s.kind == db::step_kind::alter_column;
  CHECK(alters == 100);
  // INTEGER -> BIGINT is safe; the foreign keys over the re-typed columns are
  // re-added, so their orphans are counted. A first push asks nothing.
  auto probes = db::probes_for(d, test_rules());
  CHECK(probes.size() == 99);
  CHECK(std::all_of(probes.begin(), probes.end(),
                    [](const db::probe& p) { return p.kind == db::probe_kind::orphan_count; }));
  auto first = db::diff(db::schema{}, target);
  CHECK(first.steps.size() == 1000 + 2000 + 999);
  CHECK(db::probes_for(first, test_rules()).empty());
}
