// A field type with no column mapping.
#include <dbpush/dbpush.hpp>

#include <cstdint>

struct Point {
  double x;
  double y;
};

struct Widget {
  std::int64_t id;
  Point position;
};

#ifdef DBPUSH_COMPILE_OK
template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::position>(db::ignore));
};
#endif

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
