// db::autoincrement on a string key.
#include <dbpush/dbpush.hpp>

#include <string>

struct Widget {
  std::string code;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::code>(db::primary_key));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::code>(db::primary_key, db::autoincrement));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
