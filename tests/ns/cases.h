/* Case groups shared between payload files. */
#ifndef NS_CASES_H
#define NS_CASES_H

/* entry.c: ns.entry.* — the register and CPU state the payload was entered with. */
void ns_entry_cases(void);

#endif
