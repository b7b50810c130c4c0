// Two fields mapped to one column name.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
  std::int64_t id;
  std::string name;
  std::string label;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::column_name("title")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::column_name("name")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
