// A model with a constructor, referenced by another model: one error, the
// model's own.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
#ifndef DBPUSH_COMPILE_OK
  explicit Widget(std::string l) : label(std::move(l)) {}
#endif
  std::int64_t id;
  std::string label;
};

struct Part {
  std::int64_t id;
  std::int64_t widget_id;
};

template <>
struct db::model<Part> {
  static constexpr auto fields = db::fields(db::field<&Part::widget_id>(db::references<&Widget::id>()));
};

db::schema widget_schema() { return db::schema_of<Part, Widget>(db::dialect::sqlite); }
