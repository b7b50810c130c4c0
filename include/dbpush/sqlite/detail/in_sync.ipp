// dbpush: definitions for <dbpush/sqlite/in_sync.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/in_sync.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string_view>

namespace db::sqlite::detail {

// One CREATE statement the target expects in sqlite_schema: table `table` of
// the target, or its index `index`.
struct expected_object {
  static constexpr std::size_t none = db::detail::name_index::npos;
  std::size_t table = none;  // none: no such object
  std::size_t index = none;  // none: the table itself
  bool exists() const { return table != none; }
  bool operator==(const expected_object&) const = default;
};

// The target's tables and explicit indexes in the order dbpush creates them
// (each table, then its indexes), which is the order of sqlite_schema's rows in a
// database dbpush created. A row is first compared with the object after the
// last one found; only a row that is not that one is looked up by name, in an
// index built on first need. So the usual no-op push compares in one pass and
// hashes no name.
class expected_objects {
 public:
  explicit expected_objects(const schema& target) : target_(target) {
    for (const auto& t : target.tables) size_ += 1 + t.indexes.size();
    if (!target.tables.empty()) next_ = {0, expected_object::none};
  }

  std::size_t size() const { return size_; }

  // The object the next row usually is; !exists() past the last one.
  expected_object next() const { return next_; }

  // !exists() when the target has no object of that name. The one after it becomes next.
  expected_object find(std::string_view name) {
    // Positions in the index encode (table, index): table + tables * (index + 1), 0 for "the table".
    const std::size_t tables = target_.tables.size();
    if (by_name_.size() == 0) {
      by_name_.reserve(size_);
      for (std::size_t t = 0; t < tables; ++t) {
        by_name_.insert(target_.tables[t].name, t);
        for (std::size_t i = 0; i < target_.tables[t].indexes.size(); ++i)
          by_name_.insert(target_.tables[t].indexes[i].name, t + tables * (i + 1));
      }
    }
    const auto at = by_name_.find(name);
    if (at == db::detail::name_index::npos) return {};
    const expected_object found{at % tables, at < tables ? expected_object::none : at / tables - 1};
    next_ = found;
    found_next();
    return found;
  }

  void found_next() {
    const auto& indexes = target_.tables[next_.table].indexes;
    const std::size_t index = next_.index == expected_object::none ? 0 : next_.index + 1;
    if (index < indexes.size()) next_.index = index;
    else next_ = next_.table + 1 < target_.tables.size() ? expected_object{next_.table + 1} : expected_object{};
  }

  // The CREATE statement dbpush renders for `o`; valid until the next call.
  std::string_view text_of(const expected_object& o) {
    if (rendered_for_ == o) return rendered_;
    rendered_.clear();
    const auto& t = target_.tables[o.table];
    if (o.index != expected_object::none)
      append_create_index_sql(rendered_, t.name, t.indexes[o.index]);
    else
      append_create_table_sql(rendered_, t, t.name, target_);
    rendered_for_ = o;
    return rendered_;
  }

 private:
  const schema& target_;
  std::size_t size_ = 0;
  expected_object next_;
  db::detail::name_index by_name_;  // built on the first row out of order
  std::string rendered_;            // one buffer for every text
  expected_object rendered_for_;
};

// SQLite reserves names that start with sqlite_ (in any case) for its own objects.
DBPUSH_INLINE bool is_internal_name(std::string_view name) {
  constexpr std::string_view prefix = "sqlite_";
  return name.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), name.begin(), [](char p, char c) {
           return p == (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
         });
}


DBPUSH_INLINE bool stored_schema_text_matches(SQLite::Database& db, const schema& target,
                                              const std::vector<std::string>& ignore_tables) {
  // Tables and indexes share one namespace in SQLite, so the name is the key.
  // Texts are rendered as their rows arrive: a first push, or a database that
  // differs early, costs little rendering.
  detail::expected_objects expected(target);
  auto ignored = [&](std::string_view name) {
    return std::find(ignore_tables.begin(), ignore_tables.end(), name) != ignore_tables.end();
  };
  // No WHERE clause: filtering each row in SQL cost more than reading its text,
  // and the other columns are read only for a row that is not the expected one.
  SQLite::Statement q(db, "SELECT sql, name, tbl_name, type FROM sqlite_schema");
  std::size_t matched = 0;
  while (q.executeStep()) {
    const auto sql = q.getColumn(0);
    // Index rows without text (sqlite_autoindex_*) follow from their table's text.
    if (sql.isNull()) continue;
    const char* sql_text = sql.getText();  // before getBytes, as SQLite asks
    const std::string_view text(sql_text, static_cast<std::size_t>(sql.getBytes()));
    if (!ignore_tables.empty() && ignored(q.getColumn(2).getText())) continue;
    // A text dbpush rendered names its object and kind (CREATE TABLE "x" ...):
    // equal to the expected text, the row is that object.
    if (const auto next = expected.next(); next.exists() && expected.text_of(next) == text) {
      expected.found_next();
      ++matched;
      continue;
    }
    const std::string_view type = q.getColumn(3).getText();
    const std::string_view name = q.getColumn(1).getText();
    if ((type != "table" && type != "index") || detail::is_internal_name(name)) continue;
    const auto object = expected.find(name);
    if (!object.exists() || expected.text_of(object) != text) return false;
    ++matched;
  }
  // Names are unique in the database; a target naming two objects alike never matches.
  return matched == expected.size();
}

}  // namespace db::sqlite::detail
