// A field annotation given to an index.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::unique_on<&Widget::label>());
#else
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label>(db::unique));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
