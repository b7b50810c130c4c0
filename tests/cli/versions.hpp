// Three versions of a small schema, for the tools' tests: each step between
// them has changes of every kind the checker judges (tables and columns added
// and dropped, a rename, a column made required with and without a default,
// a type change, an enum, a unique index, foreign keys).
#pragma once

#include <dbpush/dbpush.hpp>

#include <dbpush/diff_sql.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace v1 {
struct Author {
  std::int64_t id;
  std::string email;
  std::optional<std::string> name;
  std::optional<std::string> nickname;
};
struct Book {
  std::int64_t id;
  std::int64_t author_id;
  std::string title;
  std::int64_t pages;
  std::string isbn;
};
struct Shelf {
  std::int64_t id;
  std::string label;
};
}  // namespace v1

namespace v2 {
enum class Genre { novel, essay, poetry };
struct Author {
  std::int64_t id;
  std::string email;
  std::string name;            // now required, with a default
  std::string nickname;        // now required, without a default
  std::optional<std::string> bio;
};
struct Book {
  std::int64_t id;
  std::int64_t author_id;
  std::string headline;        // was `title`
  std::string pages;           // was an integer
  Genre genre;                 // new, with a default
  std::int64_t year;           // new, required, no default
};  // `isbn` dropped; `Shelf` dropped
struct Tag {
  std::int64_t id;
  std::string name;
  std::int64_t book_id;
};
}  // namespace v2

template <> struct db::model<v1::Author> {
  static constexpr auto table = "authors";
  static constexpr auto fields = db::fields(db::field<&v1::Author::email>(db::unique));
};
template <> struct db::model<v1::Book> {
  static constexpr auto table = "books";
  static constexpr auto fields =
      db::fields(db::field<&v1::Book::author_id>(db::references<&v1::Author::id>(db::on_delete::cascade)));
};
template <> struct db::model<v1::Shelf> {
  static constexpr auto table = "shelves";
};
template <> struct db::model<v2::Author> {
  static constexpr auto table = "authors";
  static constexpr auto fields = db::fields(db::field<&v2::Author::email>(db::unique),
                                            db::field<&v2::Author::name>(db::default_value("anonymous")));
};
template <> struct db::model<v2::Book> {
  static constexpr auto table = "books";
  static constexpr auto fields =
      db::fields(db::field<&v2::Book::author_id>(db::references<&v2::Author::id>(db::on_delete::cascade)),
                 db::field<&v2::Book::headline>(db::renamed_from("title")),
                 db::field<&v2::Book::genre>(db::default_value(v2::Genre::novel)));
};
template <> struct db::model<v2::Tag> {
  static constexpr auto table = "tags";
  static constexpr auto fields =
      db::fields(db::field<&v2::Tag::name>(db::unique),
                 db::field<&v2::Tag::book_id>(db::references<&v2::Book::id>(db::on_delete::cascade)));
};

namespace versions {
inline db::schema first(db::dialect d) { return db::schema_of<v1::Author, v1::Book, v1::Shelf>(d); }
inline db::schema second(db::dialect d) { return db::schema_of<v2::Author, v2::Book, v2::Tag>(d); }
}  // namespace versions

namespace versions {

// A schema with names and values that need quoting: quotes, a backslash, spaces.
inline db::schema awkward(db::dialect d) {
  const bool sqlite = d == db::dialect::sqlite;
  const std::string integer = sqlite ? "INTEGER" : "bigint", text = sqlite ? "TEXT" : "text";
  db::schema s;
  s.enums.push_back({.name = "mo\"od", .values = {"it's", "back\\slash", "plain"}});
  s.tables.push_back({.name = "we\"ird table",
                      .columns = {{.name = "id", .type = integer},
                                  {.name = "it's", .type = text, .nullable = true, .default_sql = "'o''k'"},
                                  {.name = "mood", .type = text, .enum_type = "mo\"od"}},
                      .primary_key = {"id"},
                      .indexes = {{.name = "", .columns = {"it's"}, .unique = true}}});
  return s;
}

struct evolution {
  const char* name;
  db::schema (*from)(db::dialect);
  db::schema (*to)(db::dialect);
};

inline db::schema empty(db::dialect) { return {}; }

// Every pair the tools' tests run: creation, changes both ways, no change, removal.
inline const evolution evolutions[] = {
    {"empty to v1", empty, first},   {"v1 to v2", first, second},       {"v2 to v1", second, first},
    {"v2 to v2", second, second},    {"v2 to empty", second, empty},    {"empty to awkward", empty, awkward},
    {"awkward to v1", awkward, first},
};

}  // namespace versions

namespace versions {

// Findings compared by what they are about, not by their wording (a push has
// counts, diff_sql has none).
using finding_key = std::tuple<db::finding_kind, std::string, std::string>;

inline std::vector<finding_key> keys(const std::vector<db::finding>& findings) {
  std::vector<finding_key> out;
  for (const auto& f : findings) out.emplace_back(f.kind, f.table, f.column);
  std::sort(out.begin(), out.end());
  return out;
}

inline bool includes(const std::vector<finding_key>& all, const std::vector<finding_key>& some) {
  return std::includes(all.begin(), all.end(), some.begin(), some.end());
}

// How a dialect writes names and values into an INSERT.
struct spelling {
  std::function<std::string(const std::string&)> table, column, literal;
  std::string integer_type;   // the models' std::int64_t
  std::string insert_option;  // before VALUES
};

// One INSERT per table of `pushed`, parents first: one row, every column
// non-NULL; an enum column holds its first value, an integer 1 (so every
// foreign key finds its parent), any other column '1'.
inline std::vector<std::string> one_row_each(const db::schema& pushed, db::dialect d, const spelling& q) {
  const db::schema s = db::detail::canonical_schema(pushed, d);
  std::vector<std::string> out;
  for (const auto& t : s.tables) {
    std::string columns, values;
    for (const auto& c : t.columns) {
      columns += (columns.empty() ? "" : ", ") + q.column(c.name);
      std::string value = c.type == q.integer_type ? "1" : "'1'";
      if (c.enum_type) value = q.literal(s.find_enum(*c.enum_type)->values.front());
      values += (values.empty() ? "" : ", ") + value;
    }
    out.push_back("INSERT INTO " + q.table(t.name) + " (" + columns + ") " + q.insert_option + "VALUES (" + values + ")");
  }
  return out;
}

}  // namespace versions
