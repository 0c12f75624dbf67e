// The Add screen: a new note, with the first field ready for typing.
import { NoteEditor } from './NoteEditor';

export function AddScreen() {
  return (
    <section className="add" data-testid="add">
      <h1>Add a note</h1>
      <NoteEditor noteId={null} autoFocus />
    </section>
  );
}
