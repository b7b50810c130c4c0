// Two fields marked db::primary_key.
#include <dbpush/dbpush.hpp>

#include <cstdint>

struct Widget {
  std::int64_t a;
  std::int64_t b;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto primary_key = db::primary_key_on<&Widget::a, &Widget::b>();
#else
  static constexpr auto fields = db::fields(db::field<&Widget::a>(db::primary_key), db::field<&Widget::b>(db::primary_key));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
