// An article written for newslens (fictional), used by "Try an example".
export const EXAMPLE = `Harbour dispute leaves fishing fleet idle for a third week
Boats sit at anchor in Port Elwin, Scotland, on Oct. 3, 2025. Photo: Maria Lund, Northsea Press

Harbour Master Fiona Grant said on Tuesday that the port would stay closed until the council agreed a new dredging plan.

“We cannot send boats out into a channel that is silting up by the week,” Grant told reporters. “Somebody is going to run aground.”

The Elwin Harbour Authority has spent $2.4 million on surveys since 2021, according to its annual report, and 35% of that went on legal fees.

Councillor Tom Baird called the closure "a political stunt" and said the crews were "being used as pawns." He said that the council would meet on Friday.

"I have fished here for thirty years," said skipper Ewan MacRae, 58. "I have never seen it this bad."

Later on Tuesday, Grant hit back, writing that "the channel does not care about politics."`;
