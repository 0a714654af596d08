# The `__service__` service

Port __port__ (`npm start` runs it). Scaffolded by `npm run new-service -- __service__`:
replace the example (notes on a candidacy) with the service's own work, following
[docs/adding-a-service.md](../../docs/adding-a-service.md).

## Streams and events

| stream | events (contracts in `libs/contracts/src/__service__/`) |
| --- | --- |
| `candidate-<id>` | `__Service__NoteRecorded` |

## Rules

| rule (a 409's `rule`) | when |
| --- | --- |
| `candidacy-closed` | the candidacy is hired, rejected or withdrawn |
| `note-already-recorded` | the note's id is taken |

## Routes

| route | who may | what |
| --- | --- | --- |
| `POST /candidates/:id/__service__-notes` | recruiter, admin | record a note (201, `Location`, `ETag`) |

The full, typed API is at `/docs` (`/docs-json` for the OpenAPI document).
