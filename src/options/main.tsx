import { render } from 'preact';
import { JsonEditor } from './json-editor';

render(<JsonEditor />, document.getElementById('app')!);
