#include "reliability/oracle.hpp"

#include "reliability/generator.hpp"
#include "reliability/types.hpp"

#include <algorithm>

namespace evolve {

namespace {

using db::dialect;
using db::finding_kind;

// Values the tester cannot predict but knows the shape of: one unknown value
// for every row (a volatile default, evaluated once per statement), or a
// distinct one per row (an identity filled by the database).
value same_unknown(const std::string& where) { return value::of_text("\x01same:" + where); }
value distinct_unknown(std::size_t row) { return value::of_text("\x01row:" + std::to_string(row)); }

std::int64_t count_if(const std::vector<row>& rows, const std::string& column, bool (*test)(const value&)) {
  return std::count_if(rows.begin(), rows.end(), [&](const row& r) { return test(r.at(column)); });
}

bool non_null(const value& v) { return !v.is_null(); }

// Sum of the sizes of groups of equal keys (all columns non-NULL) larger than one.
std::int64_t duplicates(const std::vector<row>& rows, const std::vector<std::string>& key,
                        const std::optional<predicate>& where, dialect d) {
  std::vector<bool> selected(rows.size(), false);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    bool ok = true;
    for (const auto& k : key) ok = ok && !rows[i].at(k).is_null();
    selected[i] = ok && (!where || holds(*where, rows[i].at(where->column), d));
  }
  std::int64_t n = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!selected[i]) continue;
    bool repeated = false;
    for (std::size_t j = 0; j < rows.size() && !repeated; ++j) {
      if (j == i || !selected[j]) continue;
      bool same = true;
      for (const auto& k : key) same = same && same_key(rows[i].at(k), rows[j].at(k), d);
      repeated = same;
    }
    n += repeated ? 1 : 0;
  }
  return n;
}

class oracle {
 public:
  oracle(const evolve_case& c, const dataset& live, backend& engine) : c_(c), live_(live), engine_(engine) {}

  expectation run() {
    for (const auto& t1 : c_.v1.tables)
      if (!c_.origin.table_heir(t1.name) && !rows_of(t1.name).empty())
        add(finding_kind::warning, "drop table", {t1.name}, {}, static_cast<std::int64_t>(rows_of(t1.name).size()));
    for (const auto& t2 : c_.v2.tables) transform(t2);
    removed_enum_values();
    for (const auto& t2 : c_.v2.tables) check_keys(t2);
    return std::move(e_);
  }

 private:
  const evolve_case& c_;
  const dataset& live_;
  backend& engine_;
  expectation e_;
  // Columns whose values after the push are unknown (added NOT NULL without a default).
  std::map<std::string, std::set<std::string>> undetermined_;

  dialect d() const { return c_.dialect; }

  const std::vector<row>& rows_of(const std::string& v1_table) const {
    static const std::vector<row> none;
    const auto it = live_.find(v1_table);
    return it == live_.end() ? none : it->second;
  }

  void add(finding_kind kind, std::string rule, std::set<std::string> tables, std::set<std::string> columns,
           std::int64_t count) {
    if (count <= 0) return;
    e_.findings.push_back({kind, std::move(rule), std::move(tables), std::move(columns), count});
  }

  value default_of(const db::table& t, const db::column& c) {
    if (is_volatile_default(*c.default_sql)) return same_unknown(t.name + "." + c.name);
    return engine_.default_value(c);
  }

  void transform(const db::table& t2) {
    auto& after = e_.after[t2.name];
    auto& known = e_.known[t2.name];
    const std::string* origin = c_.origin.table_origin(t2.name);
    for (const auto& col : t2.columns) known.insert(col.name);
    if (!origin) return;  // a new table: no rows
    const db::table& t1 = *c_.v1.find_table(*origin);
    const auto& rows = rows_of(t1.name);
    const std::set<std::string> names{t1.name, t2.name};
    for (const auto& c1 : t1.columns)
      if (!c_.origin.column_heir(t2.name, c1.name))
        add(finding_kind::warning, "drop column", names, {c1.name}, count_if(rows, c1.name, non_null));
    after.assign(rows.size(), row{});
    for (const auto& c2 : t2.columns) {
      const std::string* from = c_.origin.column_origin(t2.name, c2.name);
      if (!from) {
        added_column(t1, t2, c2, rows.size());
        continue;
      }
      const db::column& c1 = *t1.find_column(*from);
      const std::set<std::string> columns{c1.name, c2.name};
      std::vector<value> values;
      for (const auto& r : rows) values.push_back(r.at(c1.name));
      const bool into_enum = c2.enum_type && c2.enum_type != c1.enum_type;
      const bool retyped = c1.type != c2.type || c1.enum_type != c2.enum_type;
      if (retyped) {
        const auto labels = labels_of(c_.v2, c2);
        std::int64_t failures = 0, outside = 0, non_nulls = 0;
        const auto kind = documented_cast(d(), c1, c2);
        for (auto& v : values) {
          if (v.is_null()) continue;
          ++non_nulls;
          auto converted = engine_.convert(v, c1, c2);
          if (!into_enum && (kind == cast_kind::not_castable ? engine_.cast_fails(v, c1, c2) : !converted)) ++failures;
          if (into_enum && (!converted || converted->type != value::kind::text ||
                            std::find(labels.begin(), labels.end(), converted->bytes) == labels.end()))
            ++outside;
          v = converted ? *converted : same_unknown("failed cast");
        }
        if (into_enum) {
          add(finding_kind::unexecutable, "values outside the enum", names, columns, outside);
        } else {
          // A value the conversion cannot take stops the push half-way, whatever
          // class the docs give the change: the checker must count it first.
          switch (kind) {
            case cast_kind::same:
            case cast_kind::safe: add(finding_kind::unexecutable, "a safe cast that fails", names, columns, failures); break;
            case cast_kind::risky:
              if (failures > 0) add(finding_kind::unexecutable, "a risky cast that fails", names, columns, failures);
              else add(finding_kind::warning, "risky cast", names, columns, non_nulls);
              break;
            case cast_kind::not_castable:
              if (failures > 0) add(finding_kind::unexecutable, "failed casts", names, columns, failures);
              else add(finding_kind::warning, "cast with no failure", names, columns, non_nulls);
              break;
          }
        }
      }
      if (c1.nullable && !c2.nullable) {
        std::int64_t nulls = 0;
        for (auto& v : values)
          if (v.is_null()) {
            ++nulls;
            if (c2.default_sql) v = default_of(t2, c2);
          }
        if (nulls > 0 && c2.default_sql && is_volatile_default(*c2.default_sql)) e_.known[t2.name].erase(c2.name);
        if (!c2.default_sql) add(finding_kind::unexecutable, "made required", names, columns, nulls);
      }
      for (std::size_t i = 0; i < values.size(); ++i) after[i][c2.name] = values[i];
    }
  }

  void added_column(const db::table& t1, const db::table& t2, const db::column& c2, std::size_t rows) {
    auto& after = e_.after[t2.name];
    auto& known = e_.known[t2.name];
    for (std::size_t i = 0; i < rows; ++i) {
      value v;
      if (c2.autoincrement) v = distinct_unknown(i);
      else if (c2.default_sql) v = default_of(t2, c2);
      else if (!c2.nullable) v = same_unknown("required");
      after[i][c2.name] = v;
    }
    if (c2.autoincrement || (c2.default_sql && is_volatile_default(*c2.default_sql))) known.erase(c2.name);
    if (!c2.nullable && !c2.default_sql && !c2.autoincrement) {
      known.erase(c2.name);
      undetermined_[t2.name].insert(c2.name);
      add(finding_kind::unexecutable, "required column added", {t1.name, t2.name}, {c2.name},
          static_cast<std::int64_t>(rows));
    }
  }

  void removed_enum_values() {
    for (const auto& e1 : c_.v1.enums) {
      const db::enum_type* e2 = c_.v2.find_enum(e1.name);
      if (!e2) continue;
      for (const auto& label : e1.values) {
        if (std::find(e2->values.begin(), e2->values.end(), label) != e2->values.end()) continue;
        for (const auto& t1 : c_.v1.tables)
          for (const auto& c1 : t1.columns) {
            if (c1.enum_type != e1.name) continue;
            const std::string* t2 = c_.origin.table_heir(t1.name);
            const std::string* c2 = t2 ? c_.origin.column_heir(*t2, c1.name) : nullptr;
            if (!c2 || c_.v2.find_table(*t2)->find_column(*c2)->enum_type != e1.name) continue;
            std::int64_t n = 0;
            for (const auto& r : rows_of(t1.name)) n += r.at(c1.name) == value::of_text(label) ? 1 : 0;
            add(finding_kind::unexecutable, "removed enum value in use", {t1.name, *t2}, {c1.name, *c2}, n);
          }
      }
    }
  }

  bool determined(const db::table& t, const std::vector<std::string>& columns) const {
    const auto it = undetermined_.find(t.name);
    if (it == undetermined_.end()) return true;
    return std::none_of(columns.begin(), columns.end(), [&](const std::string& c) { return it->second.count(c); });
  }

  // The v1 names of v2 columns; nullopt when one of them is new.
  std::optional<std::vector<std::string>> v1_names(const db::table& t2, const std::vector<std::string>& columns) const {
    std::vector<std::string> out;
    for (const auto& c : columns) {
      const std::string* from = c_.origin.column_origin(t2.name, c);
      if (!from) return std::nullopt;
      out.push_back(*from);
    }
    return out;
  }

  // Every key and unique index of v2, new or kept, judged on the rows as the
  // push leaves them (issue 10.9's rule).
  void check_keys(const db::table& t2) {
    const std::string* origin = c_.origin.table_origin(t2.name);
    if (!origin) return;
    const db::table& t1 = *c_.v1.find_table(*origin);
    const auto& rows = e_.after[t2.name];
    const std::set<std::string> names{t1.name, t2.name};
    if (!t2.primary_key.empty()) {
      // A key column the push cannot fill (a new required column) holds no
      // value: the other key columns' NULLs still count, duplicates cannot.
      std::int64_t null_keys = 0;
      for (const auto& r : rows) {
        bool any = false;
        for (const auto& k : t2.primary_key) any = any || (determined(t2, {k}) && r.at(k).is_null());
        null_keys += any ? 1 : 0;
      }
      add(finding_kind::unexecutable, "NULL in the primary key", names, {}, null_keys);
      if (determined(t2, t2.primary_key))
        add(finding_kind::unexecutable, "duplicate primary key", names, {}, duplicates(rows, t2.primary_key, std::nullopt, d()));
    }
    for (const auto& i : t2.indexes) {
      if (!i.unique || !determined(t2, i.columns)) continue;
      const auto where = i.where ? parse_predicate(*i.where) : std::nullopt;
      const auto n = duplicates(rows, i.columns, where, d());
      if (n == 0) continue;
      if (i.where) {
        if (e_.database_refuses.empty())
          e_.database_refuses = "the partial unique index on `" + t2.name + "` over duplicates";
        continue;
      }
      add(finding_kind::unexecutable, "duplicate unique index", names, {}, n);
    }
    for (const auto& fk : t2.foreign_keys) {
      if (!determined(t2, fk.columns)) continue;
      const auto parent = e_.after.find(fk.referenced_table);
      std::int64_t orphans = 0;
      for (const auto& r : rows) {
        bool any_null = false;
        for (const auto& col : fk.columns) any_null = any_null || r.at(col).is_null();
        if (any_null) continue;
        bool found = false;
        if (parent != e_.after.end())
          for (const auto& p : parent->second) {
            bool same = true;
            for (std::size_t k = 0; k < fk.columns.size(); ++k)
              same = same && same_key(r.at(fk.columns[k]), p.at(fk.referenced_columns[k]), d());
            found = found || same;
          }
        orphans += found ? 0 : 1;
      }
      add(finding_kind::unexecutable, "orphans", names, {}, orphans);
    }
  }
};

}  // namespace

std::string expected_finding::to_string() const {
  std::string out = std::string(kind == finding_kind::warning ? "warning" : "unexecutable") + " " + rule + " on ";
  for (const auto& t : tables) out += "`" + t + "` ";
  if (!columns.empty()) {
    out += "column";
    for (const auto& c : columns) out += " `" + c + "`";
    out += " ";
  }
  return out + "count " + std::to_string(count);
}

bool expectation::refused() const {
  return std::any_of(findings.begin(), findings.end(), [](const expected_finding& f) { return f.kind == finding_kind::unexecutable; });
}

std::vector<expected_finding> expectation::of_kind(finding_kind k) const {
  std::vector<expected_finding> out;
  for (const auto& f : findings)
    if (f.kind == k) out.push_back(f);
  return out;
}

expectation expect(const evolve_case& c, const dataset& live, backend& engine) { return oracle(c, live, engine).run(); }

findings_difference compare_findings(const std::vector<expected_finding>& expected,
                                     const std::vector<db::finding>& actual) {
  std::vector<bool> used(expected.size(), false);
  findings_difference out;
  std::set<std::string> shapes;
  for (const auto& a : actual) {
    bool matched = false;
    for (std::size_t i = 0; i < expected.size() && !matched; ++i) {
      const auto& e = expected[i];
      if (used[i] || e.kind != a.kind || e.count != a.count || !e.tables.count(a.table)) continue;
      if (!a.column.empty() && !e.columns.count(a.column)) continue;
      used[i] = matched = true;
    }
    if (matched) continue;
    const std::string kind = a.kind == finding_kind::warning ? "warning" : "unexecutable";
    out.text += "\n  dbpush reported, the tester did not expect: " + kind + " (count " + std::to_string(a.count) +
                ") " + a.message;
    shapes.insert("unexpected " + kind + " \"" + a.message.substr(0, a.message.find('`')) + "\"");
  }
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (!used[i]) {
      out.text += "\n  the tester expected, dbpush did not report: " + expected[i].to_string();
      shapes.insert("missing " + std::string(expected[i].kind == finding_kind::warning ? "warning" : "unexecutable") +
                    " (" + expected[i].rule + ")");
    }
  for (const auto& s : shapes) out.shape += (out.shape.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace evolve
