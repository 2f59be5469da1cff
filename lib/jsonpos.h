/*
 * jsonpos.h — the line each value of a JSON document starts on.
 *
 * jansson keeps no positions, so a --check finding about the third
 * action of a pretty-printed minutes document would point at the
 * document's first line.  The reader scans the text of a JSON value that
 * spans several lines in step with the tree jansson decoded from it
 * (objects keep their members in text order, and the reader refuses
 * duplicate keys) and records where each value starts.
 *
 * The map holds a reference to the tree, so that the values it names by
 * address stay alive, and is itself counted: a tool that keeps a record's
 * object past the next record keeps the map with jsonpos_ref().
 */
#ifndef AEKIT_JSONPOS_H
#define AEKIT_JSONPOS_H

#include <stddef.h>

#include <jansson.h>

struct jsonpos;

/*
 * Maps the values of ROOT, decoded from the LEN bytes of TEXT, whose
 * first byte stands on line LINE.  NULL when the text does not match the
 * tree (then every value counts as on LINE).
 */
struct jsonpos *jsonpos_build(json_t *root, const char *text, size_t len,
    long line);

/*
 * The line V starts on; 0 when V is not in the map (another tree, or
 * true, false and null, which jansson shares between documents).  P may
 * be NULL.
 */
long jsonpos_line(const struct jsonpos *p, const json_t *v);

struct jsonpos *jsonpos_ref(struct jsonpos *p);
void jsonpos_unref(struct jsonpos *p);

#endif
