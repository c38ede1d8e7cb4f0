import { render } from 'preact';

render(<p>CRM Screenpop</p>, document.getElementById('app')!);
