// A misspelt member of db::model<T> (it would be ignored).
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label>());
#else
  static constexpr auto indexs = db::indexes(db::index_on<&Widget::label>());
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
