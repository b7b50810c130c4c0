// An index over no field.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label>());
#else
  static constexpr auto indexes = db::indexes(db::index_on<>());
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
