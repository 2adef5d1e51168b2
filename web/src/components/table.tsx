// A data table that reads as a table at every width. Below 40rem the CSS stacks each row into a
// block and writes each cell's column name before it (the data-label attribute; the generated
// text is hidden from assistive technology, which has the column headers). The explicit roles
// keep the table semantics that some browsers drop when a table's display is changed.
import type { ComponentChildren } from 'preact';

export function StackedTable(props: {
  caption: string;
  columns: readonly string[];
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <table class={`table table--stack ${props.class ?? ''}`} role="table">
      <caption class="table__caption">{props.caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          {props.columns.map((c) => (
            <th scope="col" role="columnheader" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">{props.children}</tbody>
    </table>
  );
}

export function Row(props: { children: ComponentChildren }) {
  return <tr role="row">{props.children}</tr>;
}

export function Cell(props: { label: string; children: ComponentChildren }) {
  return (
    <td role="cell" data-label={props.label}>
      {props.children}
    </td>
  );
}
