// db::where given to a field instead of an index.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto indexes = db::indexes(db::index_on<&Widget::label>(db::where("label <> ''")));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::indexed, db::where("label <> ''")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
