/*
| Web process only: imports left `running` by a process that stopped
| (crash, out of memory, redeploy) are marked `interrupted` so people can
| retry them, and the lines they left in the staging table are deleted;
| see ADRs 0013 and 0024.
*/
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { ExpenseImports } from '#actions/reports/expense_imports'

app.ready(async () => {
  try {
    const swept = await ExpenseImports.sweepInterrupted()
    if (swept > 0) logger.warn({ swept }, 'expense imports interrupted by a stop were marked')
  } catch (error) {
    logger.error({ err: error }, 'could not sweep interrupted expense imports')
  }
})
