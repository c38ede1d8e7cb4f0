import { render } from 'preact';
import { App } from './app';
import { setDocumentLanguage } from './i18n';
import './options.css';

setDocumentLanguage();
render(<App />, document.getElementById('app')!);
