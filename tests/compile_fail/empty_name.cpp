// An empty column name (it would silently be the field's name).
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::column_name("name")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::column_name("")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
