// An index over a field marked db::ignore.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
  std::int64_t id;
  std::string label;
  std::string cache;
};

template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::cache>(db::ignore));
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label>());
#else
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label, &Widget::cache>());
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
