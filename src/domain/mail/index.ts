export { deliverQueuedMail } from "./deliver-mail.ts";
export { getMail, listMail } from "./list-mail.ts";
export { type Outgoing, queueMail } from "./queue-mail.ts";
