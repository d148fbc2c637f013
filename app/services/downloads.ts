import type { HttpContext } from '@adonisjs/core/http'

/**
 * Marks a response as a file to save (or, `inline`, to show) under a name
 * safe in a header: anything but letters, digits, dots, dashes and
 * underscores becomes a dash.
 */
export function asDownload(
  response: HttpContext['response'],
  filename: string,
  contentType: string,
  disposition: 'attachment' | 'inline' = 'attachment'
) {
  response.header('content-type', contentType)
  response.header(
    'content-disposition',
    `${disposition}; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`
  )
}

export const csvType = 'text/csv; charset=utf-8'
