// db::named given to a field (whose column is named with db::column_name).
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::column_name("name")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::named("name")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
