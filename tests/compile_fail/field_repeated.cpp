// The same field twice in one index.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label, &Widget::title>());
#else
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label, &Widget::label>());
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
