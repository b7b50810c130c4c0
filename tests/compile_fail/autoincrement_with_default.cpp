// An autoincrement key with a default.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::id>(db::primary_key, db::autoincrement));
#else
  static constexpr auto fields =
      db::fields(db::field<&Widget::id>(db::primary_key, db::autoincrement, db::default_value(1)));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
