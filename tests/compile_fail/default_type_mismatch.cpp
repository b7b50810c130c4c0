// An integer default on a string field.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
  std::int64_t id;
  std::string colour;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::colour>(db::default_value("red")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::colour>(db::default_value(42)));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
