// Something that is no annotation given to a field.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::unique));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(42));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
