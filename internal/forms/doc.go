// Package forms owns the online forms of procedures (démarches en ligne): the typed fields a
// procedure's owner arranges into pages, the conditions that show a field only after some
// answers, the checks of every answer with its own plain-French message, and the versions
// of a form. It does not own dossiers: the dossiers module keeps a person's answers and
// files, and the form version they answer.
//
// # The contract for the dossiers module
//
// A Form (procedure slug, Version, Pages of Fields) is read with Service.Published (the
// version a new dossier starts on) or Service.Version(ctx, slug, n) (the exact version a
// dossier started on: publishing a new version never changes an older one). A dossier
// stores its form version number and its Answers, which are JSON-serialisable
// (map[field key]Value).
//
// One page, posted (page is 0-based, an index into Form.Pages):
//
//	posted, act := form.ParsePage(page, r.PostForm) // what was typed, every key of the page
//	draft = draft.Merge(posted)                      // an empty value clears an answer
//	if act.Changed() { save draft; show the same page again (an item was added or removed) }
//	cleaned, problems := form.Validate(page, draft) // fields shown on that page only
//	draft = draft.Merge(cleaned)                     // normalised where right, as typed where wrong
//	save draft (always: a draft is never lost)
//	if len(problems) > 0 { show the page again with the problems (errs.FieldError) }
//	else next := form.Next(page, draft)              // -1: "Vérifiez vos réponses"
//
// Files are not read by ParsePage: for a File field, the dossiers module reads the upload
// (input name = field key), calls field.CheckFile(size, firstBytes) which checks the size
// limit and the type from the content (DetectFileType: PDF, JPEG, PNG, HEIC), stores the
// bytes and sets Answers[key] = Value{File: &FileRef{ID, Name, Type, Size}}.
//
// Navigation skips pages whose fields are all hidden: First, Next, Prev (Prev(len(Pages))
// is the last page, for Back from the summary), Step for "Étape 2 sur 5". Before sending,
// ValidateAll(answers) checks everything and returns the answers to keep (those of hidden
// fields dropped); PageOfProblem tells which page to send the person back to. Summary
// lists (page, label, value in words) for "Vérifiez vos réponses" and the receipt; Display
// writes one answer in words.
//
// Pages show fields with the template partial "forms-field" (internal/web, file
// templates/partials/forms-field.html). In internal/web, newFormPageView(form, page,
// answers, problems) returns a FormPageView (Title, LabelIsTitle, Multipart, Fields
// []FieldView); a page writes {{range .Fields}}{{template "forms-field" .}}{{end}} inside
// its <form>, with enctype="multipart/form-data" when Multipart, and its own <h1> unless
// LabelIsTitle (one question: its label is the <h1>). A repeatable block starts with a
// hidden default submit button without a name, so that Enter in a field never presses
// "Retirer": a post without any button name means "Continuer".
//
// Input names: "key"; a Date "key.day", "key.month", "key.year"; an Address "key.street",
// "key.postcode", "key.town"; a Repeat block "key.count" (hidden) and "key[i].child", with
// the submit buttons AddButton (value: key) and RemoveButton (value: "key[i]").
//
// # Owners
//
// Owners edit Service.Draft and store it with SaveDraft (checked with Form.Check), then
// Publish it (checked with Form.CheckPublish: a page of several questions needs a title); Warnings lists labels that could be plainer (internal/readability).
// HasOnlineForm tells the catalogue to offer "Faire la démarche en ligne".
package forms
